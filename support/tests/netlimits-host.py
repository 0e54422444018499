#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Host side of the network limits checks (support/tests/84-netlimits.sh).
#
# bigudp HOST PORT SIZE N: N datagrams of SIZE bytes (fragmented by the
#   host's kernel), each echoed back unchanged within 10 s; prints
#   "N datagrams of SIZE bytes echoed".
# fragments HOST PORT N: N datagrams of 60,000 bytes whose last fragment
#   is never sent (raw socket, root): they can never be reassembled and
#   take about 40 buffers each; prints "N incomplete datagrams sent".
# synflood HOST PORT RATE SECONDS: SYNs from forged addresses in
#   198.18.0.0/15 (which never answer) at RATE per second for SECONDS
#   (raw socket, root), while every second after the first a real client
#   connects (at most 3 s) and has a line echoed. Prints the SYNs sent,
#   how many real connections worked and their connect times; exits 0
#   when every real connection worked.
# Every step is bounded by timeouts.
import os
import random
import socket
import struct
import sys
import threading
import time


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip_header(src, dst, proto, payload_len, ident, frag):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, ident, frag,
                    64, proto, 0, socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:]


def raw_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    return s


def bigudp(host, port, size, n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.settimeout(10)
    for i in range(n):
        msg = (b"%08d" % i) + os.urandom(size - 8)
        s.sendto(msg, (host, port))
        try:
            while True:
                r, _ = s.recvfrom(65536)
                if r == msg:
                    break
        except socket.timeout:
            print("datagram %d of %d bytes: no echo within 10 s" % (i, size))
            return False
    print("%d datagrams of %d bytes echoed" % (n, size))
    return True


def fragments(host, port, n):
    s = raw_socket()
    src = socket.inet_ntoa(socket.inet_aton(local_addr(host)))
    body = os.urandom(60000)
    udp = struct.pack("!HHHH", 40000, port, 8 + len(body), 0) + body
    for i in range(n):
        ident = random.randrange(1, 65536)
        # every fragment but the last (1480 bytes of payload each)
        for off in range(0, len(udp) - 1480, 1480):
            part = udp[off:off + 1480]
            pkt = ip_header(src, host, 17, len(part), ident, 0x2000 | off // 8) + part
            s.sendto(pkt, (host, 0))
        time.sleep(0.01)
    print("%d incomplete datagrams sent" % n)
    return True


def local_addr(host):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.connect((host, 9))
    return u.getsockname()[0]


def syn(src, dst, sport, dport):
    seq = random.randrange(1 << 32)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x02, 64240, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    return ip_header(src, dst, 6, len(tcp), random.randrange(65536), 0) + tcp


def synflood(host, port, rate, secs):
    s = raw_socket()
    sent = [0]
    stop = threading.Event()

    def flood():
        start = time.time()
        while not stop.is_set() and time.time() - start < secs:
            due = int((time.time() - start) * rate)
            while sent[0] < due:
                src = "198.%d.%d.%d" % (18 + random.randrange(2), random.randrange(256),
                                        random.randrange(1, 255))
                s.sendto(syn(src, host, random.randrange(1024, 65536), port), (host, 0))
                sent[0] += 1
            time.sleep(0.002)

    t = threading.Thread(target=flood)
    t.start()
    times, tries = [], 0
    time.sleep(1)
    while t.is_alive() and tries < secs - 1:
        tries += 1
        c = socket.socket()
        c.settimeout(3)
        t0 = time.time()
        try:
            c.connect((host, port))
            times.append((time.time() - t0) * 1000)
            c.sendall(b"hello through the flood\n")
            got = b""
            while not got.endswith(b"\n"):
                d = c.recv(100)
                if not d:
                    break
                got += d
            if got != b"hello through the flood\n":
                times.pop()
        except OSError:
            pass
        c.close()
        time.sleep(max(0.0, 1 - (time.time() - t0)))
    stop.set()
    t.join()
    print("%d SYNs from forged addresses at %d/s; real connections: %d of %d, connect ms: %s" %
          (sent[0], rate, len(times), tries, " ".join("%.1f" % x for x in times) or "-"))
    return tries > 0 and len(times) == tries


def main(a):
    if a[0] == "bigudp":
        return bigudp(a[1], int(a[2]), int(a[3]), int(a[4]))
    if a[0] == "fragments":
        return fragments(a[1], int(a[2]), int(a[3]))
    if a[0] == "synflood":
        return synflood(a[1], int(a[2]), int(a[3]), int(a[4]))
    print("usage: netlimits-host.py bigudp|fragments|synflood ... (see the file)")
    return False


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1:]) else 1)
