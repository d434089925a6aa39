#!/usr/bin/env python3
"""Checks an export of a jem log (`jem audit export --format jsonl`) trusting nothing of jem.

It uses only Python's standard library, the reference `capnp` tool with the published schema
(events/events.capnp), and `openssl`. For every line, in one streaming pass:

  * the line has exactly the export's shape; its "bytes" (the event as stored, base64) are in
    Cap'n Proto's canonical form, and its "event" is exactly the text `capnp convert` renders
    from them: an unknown or repeated key, or any other spelling, would show a reader one
    text while the hash covers another;
  * those bytes hash (SHA-256) to the hash the log recorded for the event, and to the leaf
    (SHA-256 of 0x00 and the bytes) its Merkle tree holds for it;
  * the positions follow each other, and each event names the one before it by its hash;

and then, given a checkpoint and the log's verifier key (kept outside the log), that the
checkpoint carries the key's Ed25519 signature, is of the key's origin, and that the RFC 9162
root of the export's first events is the checkpoint's root.

    tools/verify-export.py export.jsonl --schema events/events.capnp \\
        --checkpoint checkpoint.txt --key log.key.pub

Exit 0: verified. Exit 1: the export is wrong; the first problem is printed with its position.
Exit 2: the verifier could not run (a missing file or tool).
"""

import argparse
import base64
import hashlib
import json
import os
import queue
import re
import struct
import subprocess
import sys
import tempfile
import threading

LINE = re.compile(
    rb'\{"hash":"([0-9a-f]{64})","leaf":"([0-9a-f]{64})","bytes":"([A-Za-z0-9+/=]+)","event":(\{.*\})\}\n\Z')
DASH = "\u2014 "
POSITION = re.compile(rb'\{"position":"([1-9][0-9]{0,19})"')
ZEROS = "0" * 64


class Bad(Exception):
    """The export (or the checkpoint) is wrong at `position` (0: as a whole)."""

    def __init__(self, position, problem):
        super().__init__(problem)
        self.position = position


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


class TreeEdge:
    """The right edge of an RFC 9162 tree: the roots of its complete subtrees, largest first."""

    def __init__(self):
        self.size = 0
        self.roots = []

    def append(self, leaf):
        h, n = leaf, self.size
        while n & 1:
            h = node_hash(self.roots.pop(), h)
            n >>= 1
        self.roots.append(h)
        self.size += 1

    def root(self):
        if not self.roots:
            return hashlib.sha256(b"").digest()
        h = self.roots[-1]
        for left in reversed(self.roots[:-1]):
            h = node_hash(left, h)
        return h


def read_key(path):
    """A signed-note Ed25519 verifier key: name+keyid+base64(0x01 || public key)."""
    text = open(path, encoding="utf-8").read().strip()
    name, _, rest = text.partition("+")
    key_id, _, material = rest.partition("+")
    raw = base64.b64decode(material, validate=True)
    if not name or len(key_id) != 8 or len(raw) != 33 or raw[0] != 1:
        raise Bad(0, f"{path} is not a log's verifier key (name+keyid+base64 of 0x01 and 32 bytes)")
    if hashlib.sha256(name.encode() + b"\n\x01" + raw[1:]).hexdigest()[:8] != key_id:
        raise Bad(0, f"{path}: the key id does not match the name and key")
    return name, bytes.fromhex(key_id), raw[1:]


def ed25519_verifies(public_key, message, signature):
    der = bytes.fromhex("302a300506032b6570032100") + public_key
    pem = "-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() + "\n-----END PUBLIC KEY-----\n"
    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: os.path.join(tmp, name) for name in ("key.pem", "message", "signature")}
        for name, data in (("key.pem", pem.encode()), ("message", message), ("signature", signature)):
            with open(paths[name], "wb") as f:
                f.write(data)
        done = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin",
                               "-in", paths["message"], "-sigfile", paths["signature"]], capture_output=True)
        return done.returncode == 0


def open_checkpoint(path, key):
    """The (size, root) a checkpoint signs, if it carries the key's valid signature."""
    name, key_id, public_key = key
    text = open(path, "rb").read().decode("utf-8")
    body, sep, signatures = text.rpartition("\n\n")
    if not sep:
        raise Bad(0, f"{path} is not a signed note: no blank line before its signatures")
    body += "\n"
    lines = body.split("\n")
    if len(lines) < 4 or lines[0] != name:
        raise Bad(0, f"{path} is not a checkpoint of {name} (its origin is {lines[0]!r})")
    if not re.fullmatch(r"0|[1-9][0-9]{0,19}", lines[1]):
        raise Bad(0, f"{path}: the tree size {lines[1]!r} is not a decimal")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32 or base64.b64encode(root).decode() != lines[2]:
        raise Bad(0, f"{path}: the root hash is not canonical base64 of 32 bytes")
    for line in signatures.split("\n"):
        if not line.startswith(DASH + name + " "):
            continue
        signature = base64.b64decode(line[len(DASH + name + " "):], validate=True)
        if signature[:4] == key_id and len(signature) == 68 and ed25519_verifies(public_key, body.encode(), signature[4:]):
            return int(lines[1]), root
    raise Bad(0, f"{path} carries no valid signature by the key of {name}")


def verify(export_path, schema, checkpoint_size):
    """Streams the export through capnp; returns (first position, count, root at checkpoint_size).

    Two `capnp convert` processes read the events' bytes, framed as Cap'n Proto's standard
    stream format: one renders each as JSON (which must be the line's "event", character for
    character), the other writes each in canonical form (which must be the bytes themselves)."""
    render = subprocess.Popen(["capnp", "convert", "--short", "binary:json", schema, "Event"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    canonical = subprocess.Popen(["capnp", "convert", "binary:canonical", schema, "Event"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    waiting = queue.Queue(maxsize=4096)  # lines read and sent to capnp, in order
    problems = []

    def read_export():
        try:
            with open(export_path, "rb") as export:
                for number, line in enumerate(export, 1):
                    m = LINE.match(line)
                    if not m:
                        raise Bad(-number, 'the line is not {"hash","leaf","bytes","event"} as the export writes it')
                    try:
                        data = base64.b64decode(m.group(3), validate=True)
                    except ValueError:
                        data = b""
                    if not data or len(data) % 8 or base64.b64encode(data) != m.group(3):
                        raise Bad(-number, "its bytes are not canonical base64 of whole 8-byte words")
                    framed = struct.pack("<II", 0, len(data) // 8) + data
                    waiting.put((number, m.group(1).decode(), m.group(2).decode(), data, m.group(4)))
                    render.stdin.write(framed)
                    canonical.stdin.write(framed)
        except Bad as bad:
            problems.append(bad)
        except (BrokenPipeError, ValueError):
            pass  # capnp was stopped: the checks found a problem
        finally:
            waiting.put(None)
            for p in (render, canonical):
                try:
                    p.stdin.close()
                except (BrokenPipeError, ValueError):
                    pass

    reader = threading.Thread(target=read_export, daemon=True)
    reader.start()
    edge, at_checkpoint = TreeEdge(), None
    first, previous, count = None, None, 0
    drained = False
    try:
        while (item := waiting.get()) is not None:
            number, recorded, leaf, data, text = item
            # Until the rendering is checked, the position the line claims is only a hint.
            claimed = POSITION.match(text)
            where = int(claimed.group(1)) if claimed else -number
            if render.stdout.readline().rstrip(b"\n") != text:
                raise Bad(where, "the event's JSON is not capnp's own rendering of its bytes "
                                 "(an unknown, repeated or respelled key, or other bytes)")
            if canonical.stdout.read(len(data)) != data:
                raise Bad(where, "its bytes are not in Cap'n Proto's canonical form")
            event = json.loads(text)
            position = int(event["position"])
            if first is None:
                first = position
                if position == 1 and event["previousHash"] != ZEROS:
                    raise Bad(1, "the first event names an event before it")
            elif position != first + count:
                raise Bad(first + count, f"the export holds position {position} where {first + count} belongs")
            elif event["previousHash"] != previous:
                raise Bad(position, "it does not name the event before it by that event's hash")
            if hashlib.sha256(data).hexdigest() != recorded:
                raise Bad(position, "its bytes do not hash to what the log recorded for it: the event was altered")
            leaf_hash = hashlib.sha256(b"\x00" + data).digest()
            if leaf_hash.hex() != leaf:
                raise Bad(position, "its bytes are not the leaf the log's Merkle tree holds for it: the event was altered")
            previous, count = recorded, count + 1
            if first == 1:
                edge.append(leaf_hash)
                if edge.size == checkpoint_size:
                    at_checkpoint = edge.root()
        drained = True
    except Bad as bad:
        problems.append(bad)
    finally:
        for p in (render, canonical):
            p.kill()
            p.wait()
        while not drained and waiting.get() is not None:
            pass
        reader.join()
    if problems:
        raise min(problems, key=lambda b: abs(b.position) if b.position else float("inf"))
    return first, count, at_checkpoint


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", help="the file `jem audit export --format jsonl` wrote")
    parser.add_argument("--schema", required=True, help="the published schema, events/events.capnp")
    parser.add_argument("--checkpoint", help="a signed checkpoint of the log, kept outside it")
    parser.add_argument("--key", help="the log's verifier key file (needed with --checkpoint)")
    args = parser.parse_args()
    if bool(args.checkpoint) != bool(args.key):
        parser.error("--checkpoint and --key go together: the checkpoint must carry the key's signature")
    for tool in ("capnp", "openssl"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode:
            print(f"verify-export: {tool} is not installed", file=sys.stderr)
            return 2
    try:
        size, root = open_checkpoint(args.checkpoint, read_key(args.key)) if args.checkpoint else (None, None)
        first, count, at_checkpoint = verify(args.export, args.schema, size)
        if count == 0:
            raise Bad(0, "the export holds no events")
        last = first + count - 1
        if size is not None:
            if first != 1:
                raise Bad(first, "a checkpoint's root needs the export from position 1")
            if size > last:
                raise Bad(last + 1, f"the checkpoint covers {size} events but the export ends at {last}: "
                                    f"events from position {last + 1} on are missing")
            if at_checkpoint != root:
                raise Bad(0, f"the root of the first {size} events is not the checkpoint's: "
                             "the log was rewritten before position " + str(size + 1))
    except Bad as bad:
        where = f"line {-bad.position}" if bad.position < 0 else f"position {bad.position}" if bad.position else "the export"
        print(f"BAD: {where}: {bad}")
        return 1
    except OSError as e:
        print(f"verify-export: {e}", file=sys.stderr)
        return 2
    checked = f"; the first {size} have the checkpoint's root, signed by its key" if size is not None else ""
    print(f"ok: {count} events, positions {first} to {last}, chained and hashed as recorded{checked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
