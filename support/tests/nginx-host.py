#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""HTTP clients for support/tests/97-nginx.sh that curl cannot be.

  nginx-host.py many HOST PORT N PATH SHA256
      opens N connections at once (all are established before the first
      request is sent), then sends GET PATH on each and reads every
      response: each must be 200 with a body whose sha256 is SHA256.
  nginx-host.py malformed HOST PORT
      sends malformed requests, each on a new connection: each must be
      answered with "400 Bad Request" and the connection closed.

Every socket operation is bounded by a deadline; prints one summary line
and exits 0 on success, 1 (with the reasons) otherwise.
"""
import hashlib
import selectors
import socket
import sys
import time

DEADLINE = 90


def parse_response(data):
    """(status, headers dict, body) of a complete response, or None."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = data[:end].decode("latin-1").split("\r\n")
    parts = head[0].split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise ValueError("bad status line %r" % head[0])
    headers = {}
    for line in head[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    body = data[end + 4:]
    length = int(headers.get("content-length", "-1"))
    if length >= 0 and len(body) < length:
        return None
    return int(parts[1]), headers, body[:length] if length >= 0 else body


def many(host, port, n, path, want):
    t_end = time.monotonic() + DEADLINE
    socks = []
    try:
        for i in range(n):
            s = socket.create_connection((host, port), timeout=30)
            socks.append(s)
        # All n are established now; the server holds them all.
        req = ("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path, host)).encode()
        for s in socks:
            s.sendall(req)
            s.setblocking(False)
        sel = selectors.DefaultSelector()
        bufs = {}
        for s in socks:
            sel.register(s, selectors.EVENT_READ)
            bufs[s] = b""
        done = {}
        while len(done) < n:
            left = t_end - time.monotonic()
            if left <= 0:
                print("many: %d of %d responses before the deadline"
                      % (len(done), n))
                return 1
            for key, _ in sel.select(min(left, 1.0)):
                s = key.fileobj
                chunk = s.recv(65536)
                if chunk:
                    bufs[s] += chunk
                r = parse_response(bufs[s])
                if r is not None or not chunk:
                    done[s] = r
                    sel.unregister(s)
        bad = [r for r in done.values()
               if r is None or r[0] != 200 or
               hashlib.sha256(r[2]).hexdigest() != want]
        if bad:
            print("many: %d of %d responses wrong (first: %s)"
                  % (len(bad), n, bad[0] and bad[0][:2]))
            return 1
        print("%d connections open at once, %d identical responses"
              % (n, n))
        return 0
    except OSError as e:
        print("many: connection %d of %d: %s" % (len(socks) + 1, n, e))
        return 1
    finally:
        for s in socks:
            s.close()


MALFORMED = [
    ("no method, no URI", b"GARBAGE\r\n\r\n"),
    ("HTTP/1.1 without Host", b"GET / HTTP/1.1\r\n\r\n"),
    ("two Host headers", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
    ("Content-Length not a number",
     b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n"),
    ("NUL in the URI", b"GET /a\x00b HTTP/1.1\r\nHost: a\r\n\r\n"),
    ("URI above the root", b"GET /../../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n"),
    ("TLS ClientHello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\xaa" * 64),
    ("Host with a slash", b"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"),
    ("empty header name", b"GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n"),
]


def malformed(host, port):
    wrong = []
    for name, req in MALFORMED:
        try:
            with socket.create_connection((host, port), timeout=20) as s:
                s.sendall(req)
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
        except OSError as e:
            wrong.append("%s: %s" % (name, e))
            continue
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        if line != "HTTP/1.1 400 Bad Request":
            wrong.append("%s: %r" % (name, line or data[:60]))
    if wrong:
        print("malformed: " + "; ".join(wrong))
        return 1
    print("%d malformed requests answered 400 and closed" % len(MALFORMED))
    return 0


def main(argv):
    if len(argv) == 7 and argv[1] == "many":
        return many(argv[2], int(argv[3]), int(argv[4]), argv[5], argv[6])
    if len(argv) == 4 and argv[1] == "malformed":
        return malformed(argv[2], int(argv[3]))
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
