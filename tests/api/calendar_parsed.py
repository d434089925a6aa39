"""Parses the calendar feed reminder_routes_test left with the icalendar package (Debian's
python3-icalendar), which jem's authors did not write: one VCALENDAR of all-day VEVENTs, each
with a UID, a summary, a DTSTAMP, and an end the day after its start. Usage: calendar_parsed.py FILE"""
import datetime
import sys

import icalendar

raw = open(sys.argv[1], "rb").read()
assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "every line must end with CRLF"
assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
calendar = icalendar.Calendar.from_ical(raw)
assert calendar["VERSION"] == "2.0" and calendar.get("PRODID"), "no VERSION 2.0 or PRODID"
events = calendar.walk("VEVENT")
assert events, "no events"
for event in events:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is datetime.date and type(end) is datetime.date, "not an all-day event"
    assert end - start == datetime.timedelta(days=1), "an all-day event ends the next day"
    assert str(event["UID"]).endswith("@jem"), event["UID"]
    assert " due: " in str(event["SUMMARY"]), event["SUMMARY"]
    assert event.decoded("DTSTAMP").tzinfo is not None, "DTSTAMP is not UTC"
assert any("commas; and a very long line" in str(e["SUMMARY"]) for e in events), "text with ; and , survives"
print(f"{len(events)} events parsed")
