#!/usr/bin/env python3
"""Independent check of a Sanctuary ledger, with the Python standard library only.

Fetches every entry from /api/v1/ledger/entries and the signed checkpoint from
/api/v1/ledger/checkpoint, recomputes the RFC 6962 Merkle root over the entries the
checkpoint covers, and says whether it equals the checkpoint's root. It does not check the
Ed25519 signature (the standard library has no Ed25519); use a signed-note tool and the key
from /api/v1/ledger/key for that.

Usage: scripts/verify-ledger.py [BASE_URL]     (default http://127.0.0.1:8080)
Exit status: 0 when the roots match, 1 when they do not, 2 when the server cannot be read.
"""
import base64
import hashlib
import json
import sys
import urllib.request

PAGE = 1000


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return response.read()


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves):
    """RFC 6962 root: split at the largest power of two below n, recursively (iteratively here)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = list(leaves)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2 == 1:
            paired.append(level[-1])  # a lone right node is carried up unchanged
        level = paired
    return level[0]


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080").rstrip("/")
    try:
        note = fetch(base, "/api/v1/ledger/checkpoint").decode("utf-8")
        origin, size_line, root_line = note.split("\n")[:3]
        size = int(size_line)
        signed_root = base64.b64decode(root_line, validate=True)
        leaves = []
        for start in range(0, size, PAGE):
            end = min(size, start + PAGE)
            page = json.loads(fetch(base, "/api/v1/ledger/entries?start=%d&end=%d" % (start, end)))
            for entry in page["entries"]:
                if entry["index"] != len(leaves):
                    print("entry %d is missing (got index %d)" % (len(leaves), entry["index"]))
                    return 1
                leaves.append(leaf_hash(base64.b64decode(entry["data"], validate=True)))
    except (OSError, ValueError, KeyError) as e:
        print("cannot read the ledger at %s: %s" % (base, e), file=sys.stderr)
        return 2
    computed = root(leaves)
    print("origin:          %s" % origin)
    print("checkpoint size: %d" % size)
    print("checkpoint root: %s" % signed_root.hex())
    print("computed root:   %s (from %d entries)" % (computed.hex(), len(leaves)))
    if computed == signed_root:
        print("OK: the entries hash to the signed root")
        return 0
    print("MISMATCH: the entries do not hash to the signed root")
    return 1


if __name__ == "__main__":
    sys.exit(main())
