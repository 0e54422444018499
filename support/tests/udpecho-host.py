#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# usage: udpecho-host.py HOST PORT N [TIMEOUT]
# Sends datagrams of varied sizes to HOST:PORT until N distinct ones came
# back unchanged or TIMEOUT seconds passed; prints "echoed K of S sent".
# Also the packets/s benchmark client with --rate SECONDS (prints
# "pps X", keeping up to 16 datagrams in flight).
import socket
import sys
import time


def echo(host, port, want, limit):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    sent, got, i = {}, set(), 0
    end = time.time() + limit
    while len(got) < want and time.time() < end:
        msg = b"tessera %d " % i + bytes((i * 7 + k) % 256 for k in range(i * 37 % 1400))
        sent[i] = msg
        s.sendto(msg, (host, port))
        i += 1
        try:
            while True:
                r, _ = s.recvfrom(2048)
                n = int(r.split(b" ")[1])
                if sent.get(n) == r:
                    got.add(n)
                s.settimeout(0.05)
        except (socket.timeout, ValueError, IndexError):
            s.settimeout(0.5)
    print("echoed %d of %d sent" % (len(got), i))
    return len(got) >= want


def rate(host, port, secs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.2)
    msg = b"x" * 64
    for _ in range(16):
        s.sendto(msg, (host, port))
    n, end = 0, time.time() + secs
    start = time.time()
    while time.time() < end:
        try:
            s.recvfrom(2048)
            n += 1
        except socket.timeout:
            pass
        s.sendto(msg, (host, port))
    print("pps %.0f" % (n / (time.time() - start)))
    return n > 0


if len(sys.argv) > 1 and sys.argv[1] == "--rate":
    ok = rate(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
else:
    ok = echo(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
              float(sys.argv[4]) if len(sys.argv) > 4 else 20)
sys.exit(0 if ok else 1)
