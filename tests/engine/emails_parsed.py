"""Parses every .eml file the reminder engine wrote with Python's own email package (strict
policy): each must be one RFC 5322 message with the headers a mail relay needs, a UTF-8 or
ASCII text body, and no defects. Usage: emails_parsed.py DIR"""
import email
import email.policy
import email.utils
import pathlib
import re
import sys

files = sorted(pathlib.Path(sys.argv[1]).glob("*.eml"))
if not files:
    sys.exit(f"no .eml files in {sys.argv[1]}: did reminder_outbox_test run?")
for path in files:
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b""), f"{path.name}: a line ends without CRLF"
    message = email.message_from_bytes(raw, policy=email.policy.strict)
    assert not message.defects, f"{path.name}: {message.defects}"
    for header in ("From", "To", "Date", "Subject", "Message-ID"):
        assert message[header], f"{path.name}: no {header} header"
    assert len(message["To"].addresses) == 1, f"{path.name}: To is not one address"
    assert email.utils.parsedate_to_datetime(message["Date"]).tzinfo is not None, f"{path.name}: Date has no zone"
    assert message["Auto-Submitted"] == "auto-generated", f"{path.name}: not marked as automatic (RFC 3834)"
    assert message.get_content_type() == "text/plain", f"{path.name}: {message.get_content_type()}"
    body = message.get_content()
    # The id in the file's name is the one the message names.
    message_id = path.stem.replace("_", "/")
    assert f"(message {message_id})" in body, f"{path.name}: the body does not name message {message_id}"
    assert "https://jem.example/" in body, f"{path.name}: no link to the action"
    # Unique beyond one server: the message's id at the log's identity (16 hex digits).
    domain = message["Message-ID"].strip("<>").rpartition("@")[2]
    assert re.fullmatch(r"[0-9a-f]{16}\.jem", domain), f"{path.name}: Message-ID {message['Message-ID']} names no log"
print(f"{len(files)} messages parsed")
