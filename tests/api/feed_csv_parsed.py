"""Reads the agency feed reminder_routes_test left with Python's csv module (RFC 4180), which
jem's authors did not write: the documented header (docs/feeds.md), every row as wide as it,
each typed field of its type, and a formula kept as text. Usage: feed_csv_parsed.py FILE"""
import csv
import datetime
import sys

HEADER = ["as_of", "agency", "reference", "meeting", "borough", "round", "theme", "role", "lead", "supporting",
          "priority", "promised_by", "promised_due", "due", "redates", "status", "blocked", "days_overdue", "rag",
          "last_update", "text"]

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f, strict=True)
    assert reader.fieldnames == HEADER, f"the header is not the documented one: {reader.fieldnames}"
    rows = list(reader)
assert rows, "no rows"
for row in rows:
    assert None not in row and all(v is not None for v in row.values()), f"a row not as wide as the header: {row}"
    for day in ("as_of", "promised_due", "due", "last_update"):
        datetime.date.fromisoformat(row[day])
    assert int(row["round"]) >= 1 and int(row["redates"]) >= 0 and int(row["days_overdue"]) >= 0, row
    assert row["blocked"] in ("true", "false"), row["blocked"]
    assert row["role"] in ("lead", "supporting"), row["role"]
    assert row["rag"] in ("red", "amber", "green", "grey"), row["rag"]
assert any(r["text"].startswith("'=HYPERLINK") for r in rows), "a formula is kept as text"
print(f"{len(rows)} rows parsed")
