#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# usage: udpecho-host.py HOST PORT N [TIMEOUT]
# Sends datagrams of varied sizes to HOST:PORT until N distinct ones came
# back unchanged or TIMEOUT seconds passed; prints "echoed K of S sent".
# --ping HOST N: N ICMP echo requests (raw socket, root).
# --garbage IFNAME N: malformed frames onto IFNAME (packet socket, root).
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


def ping(host, count):
    # ICMP echo over a raw socket (needs root): ident/sequence checked.
    import struct
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(1.0)
    got = 0
    for seq in range(count):
        body = struct.pack("!BBHHH", 8, 0, 0, 0x7e55, seq) + b"tessera ping"
        c = 0
        for i in range(0, len(body), 2):
            c += (body[i] << 8) + body[i + 1]
        c = (c & 0xffff) + (c >> 16)
        c = ~((c & 0xffff) + (c >> 16)) & 0xffff
        pkt = body[:2] + struct.pack("!H", c) + body[4:]
        s.sendto(pkt, (host, 0))
        try:
            while True:
                r, _ = s.recvfrom(2048)
                icmp = r[(r[0] & 15) * 4:]
                if icmp[0] == 0 and icmp[4:8] == pkt[4:8] and icmp[8:] == pkt[8:]:
                    got += 1
                    break
        except socket.timeout:
            pass
    print("ping: %d of %d answered" % (got, count))
    return got == count


def garbage(ifname, n):
    # Malformed and random frames straight onto IFNAME (AF_PACKET, root):
    # runts, truncated ARP/IPv4/UDP/ICMP, lying length and header-length
    # fields, bad checksums, random bytes; fixed seed.
    import random
    import struct
    rnd = random.Random(8)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    eth = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x09"
    ip = bytes([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 10, 99, 0, 1, 10, 99, 0, 2])
    udp = struct.pack("!HHHH", 9, 7, 8, 0)
    frames = [eth[:6], eth + b"\x08\x06", eth + b"\x08\x06" + b"\x00\x01\x08\x00\x06\x04\x00\x01",
              eth + b"\x08\x00" + ip[:10], eth + b"\x08\x00" + ip + udp[:4],
              eth + b"\x08\x00" + bytes([0x4f]) + ip[1:] + udp,
              eth + b"\x08\x00" + bytes([0x41]) + ip[1:] + udp,
              eth + b"\x08\x00" + ip[:2] + b"\xff\xff" + ip[4:] + udp,
              eth + b"\x08\x00" + ip[:2] + b"\x00\x05" + ip[4:] + udp,
              eth + b"\x08\x00" + ip[:9] + b"\x01" + ip[10:] + b"\x08\x00",
              eth + b"\x08\x00" + b"\x60" + ip[1:] + udp, eth + b"\x86\xdd" + bytes(40)]
    for _ in range(n):
        frames.append(bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(1, 1515))))
        f = bytearray(eth + b"\x08\x00" + ip + udp + bytes(rnd.randrange(0, 64)))
        for _ in range(rnd.randrange(1, 6)):
            f[rnd.randrange(14, len(f))] = rnd.getrandbits(8)
        frames.append(bytes(f[:rnd.randrange(14, len(f) + 1)]))
    sent = 0
    for f in frames:
        try:
            s.send(f)
            sent += 1
        except OSError:
            pass
    print("sent %d malformed frames" % sent)
    return sent > 0


if len(sys.argv) > 1 and sys.argv[1] == "--garbage":
    ok = garbage(sys.argv[2], int(sys.argv[3]))
elif len(sys.argv) > 1 and sys.argv[1] == "--ping":
    ok = ping(sys.argv[2], int(sys.argv[3]))
elif len(sys.argv) > 1 and sys.argv[1] == "--rate":
    ok = rate(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
else:
    ok = echo(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
              float(sys.argv[4]) if len(sys.argv) > 4 else 20)
sys.exit(0 if ok else 1)
