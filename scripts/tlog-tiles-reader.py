#!/usr/bin/env python3
"""Rebuild a tiled transparency log's root from its tiles, knowing only C2SP tlog-tiles.

Reads <prefix>/checkpoint, then every level-0 tile (<prefix>/tile/0/<N>, the last one
partial as <N>.p/<W>), hashes the leaf hashes into the RFC 6962 root and compares it with the
checkpoint's root. It also checks each higher-level tile against the tiles below it, and
each entry bundle (<prefix>/tile/entries/<N>) against its level-0 tile. Python 3 standard
library only, so it does not check the checkpoint's Ed25519 signature: do that with any
signed-note tool and the log's published key.

Usage: scripts/tlog-tiles-reader.py [PREFIX] [--no-entries]
       PREFIX defaults to http://127.0.0.1:8080/tlog
Exit status: 0 when everything matches, 1 when something does not, 2 when the log cannot be read.
"""
import base64
import hashlib
import sys
import urllib.error
import urllib.request

WIDTH = 256  # hashes in a full tile (tile height 8)
HASH = 32


class Mismatch(Exception):
    pass


def get(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def tile_index(n):
    """N as path elements of three digits, all but the last prefixed with x: 1234067 -> x001/x234/067."""
    groups = ["%03d" % (n % 1000)]
    n //= 1000
    while n > 0:
        groups.insert(0, "x%03d" % (n % 1000))
        n //= 1000
    return "/".join(groups)


def tile_path(level, n, width):
    return "tile/%d/%s%s" % (level, tile_index(n), "" if width == WIDTH else ".p/%d" % width)


def strict_b64(text):
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode("ascii") != text:
        raise Mismatch("checkpoint root is not canonical base64")
    return raw


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(hashes):
    """RFC 6962 Merkle tree hash over already hashed leaves (a lone right node moves up as is)."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    level = list(hashes)
    while len(level) > 1:
        up = [node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            up.append(level[-1])
        level = up
    return level[0]


def split(tile):
    return [tile[i:i + HASH] for i in range(0, len(tile), HASH)]


def fetch_level(prefix, level, count):
    """All hashes of one level that a tree holds: full tiles, then the partial one."""
    hashes = []
    for n in range((count + WIDTH - 1) // WIDTH):
        width = min(WIDTH, count - n * WIDTH)
        path = tile_path(level, n, width)
        data = get(prefix + "/" + path)
        if len(data) != width * HASH:
            raise Mismatch("%s: %d bytes, want %d" % (path, len(data), width * HASH))
        hashes.extend(split(data))
    return hashes


def check_entries(prefix, leaves):
    for n in range((len(leaves) + WIDTH - 1) // WIDTH):
        width = min(WIDTH, len(leaves) - n * WIDTH)
        path = "tile/entries/%s%s" % (tile_index(n), "" if width == WIDTH else ".p/%d" % width)
        bundle = get(prefix + "/" + path)
        at, i = 0, 0
        while at < len(bundle):
            if at + 2 > len(bundle):
                raise Mismatch("%s: cut short" % path)
            length = int.from_bytes(bundle[at:at + 2], "big")
            entry = bundle[at + 2:at + 2 + length]
            if len(entry) != length or i >= width:
                raise Mismatch("%s: malformed bundle" % path)
            if hashlib.sha256(b"\x00" + entry).digest() != leaves[n * WIDTH + i]:
                raise Mismatch("%s: entry %d does not hash to its leaf" % (path, n * WIDTH + i))
            at += 2 + length
            i += 1
        if i != width:
            raise Mismatch("%s: %d entries, want %d" % (path, i, width))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    prefix = (args[0] if args else "http://127.0.0.1:8080/tlog").rstrip("/")
    try:
        note = get(prefix + "/checkpoint").decode("utf-8")
        text = note[:note.rindex("\n\n") + 1]
        lines = text.split("\n")
        origin, size, signed = lines[0], int(lines[1]), strict_b64(lines[2])
        leaves = fetch_level(prefix, 0, size)
        # Each higher level holds the hashes of the full tiles below it.
        below, level = leaves, 1
        while size >> (8 * level):
            count = size >> (8 * level)
            above = fetch_level(prefix, level, count)
            for i, h in enumerate(above):
                if mth(below[i * WIDTH:(i + 1) * WIDTH]) != h:
                    raise Mismatch("%s: hash %d is not the root of the tile below" % (tile_path(level, i // WIDTH, WIDTH), i))
            below, level = above, level + 1
        if "--no-entries" not in sys.argv:
            check_entries(prefix, leaves)
    except Mismatch as e:
        print("MISMATCH: %s" % e)
        return 1
    except (urllib.error.URLError, OSError, ValueError, IndexError) as e:
        print("cannot read %s: %s" % (prefix, e), file=sys.stderr)
        return 2
    computed = mth(leaves)
    print("origin:          %s" % origin)
    print("checkpoint size: %d" % size)
    print("checkpoint root: %s" % signed.hex())
    print("computed root:   %s (from %d level-0 tiles, %d leaves)" % (computed.hex(), (size + WIDTH - 1) // WIDTH, size))
    if computed != signed:
        print("MISMATCH: the tiles do not hash to the signed root")
        return 1
    print("OK: the tiles hash to the signed root")
    return 0


if __name__ == "__main__":
    sys.exit(main())
