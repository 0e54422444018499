#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Host side of the tcpecho tests. Each mode prints one line and exits 0
# only when every check held.
#   echo HOST PORT MIB [IFNAME LIMIT...]
#                           send MIB MiB of random bytes on one connection
#                           while reading the echo; compare sha256. With
#                           IFNAME (the host's end of the image's link),
#                           the host kernel's packet counters of IFNAME
#                           meanwhile must meet each LIMIT: "sent<=N",
#                           "sent>=N" (packets the image sent), "received<=N",
#                           "received>=N" (packets the host sent it). Fewer
#                           packets than the MSS-sized segments the data
#                           needs mean segmentation offload (sent) or
#                           merged receive (received); at least as many
#                           mean none
#   many HOST PORT N [K]    open N connections (all at once, or K at a
#                           time with a first echoed line each), keep them
#                           all open, then send a distinct payload on each
#                           and check every echo
#   exhaust IFNAME HOST PORT N   open N connections at once, each
#                           sending 64 KiB (an image with a small heap
#                           runs out of memory), close them all, forget
#                           the image's MAC (ip neigh flush), then within
#                           30 s it must answer ARP again and echo on 50
#                           new connections at once (its memory came
#                           back; tried again each second until then)
#   malformed IFNAME HOST PORT   malformed Ethernet/IPv4/TCP frames to
#                           HOST (its MAC from the neighbour table) through
#                           a packet socket on IFNAME (root)
import hashlib
import os
import random
import re
import selectors
import socket
import struct
import sys
import threading
import time


def counters(ifname):
    """(packets from the image, packets to it) as the host counts them."""
    def get(what):
        with open("/sys/class/net/%s/statistics/%s" % (ifname, what)) as f:
            return int(f.read())
    return get("rx_packets"), get("tx_packets")


def echo(host, port, mib, ifname=None, limits=()):
    total = mib << 20
    before = counters(ifname) if ifname else (0, 0)
    s = socket.create_connection((host, port), timeout=30)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sent_hash, err = hashlib.sha256(), []

    def sender():
        rnd = random.Random(1234)
        left = total
        try:
            while left:
                n = min(left, 65536)
                chunk = rnd.randbytes(n)
                sent_hash.update(chunk)
                s.sendall(chunk)
                left -= n
        except OSError as e:
            err.append(e)

    t = threading.Thread(target=sender)
    t.start()
    got, h = 0, hashlib.sha256()
    try:
        while got < total:
            b = s.recv(262144)
            if not b:
                break
            h.update(b)
            got += len(b)
    except OSError as e:
        err.append(e)
    t.join()
    s.close()
    ok = not err and got == total and h.digest() == sent_hash.digest()
    print("echo: sent %d bytes, received %d, sha256 %s%s" %
          (total, got, "equal" if ok else "DIFFERENT",
           " (%s)" % err[0] if err else ""), end="")
    if ifname:
        after = counters(ifname)
        n = {"sent": after[0] - before[0], "received": after[1] - before[1]}
        print(", on %s the image sent %d packets and received %d (%s)" %
              (ifname, n["sent"], n["received"], ", ".join(limits)), end="")
        for lim in limits:
            what, op, num = re.match(r"^(sent|received)(<=|>=)(\d+)$", lim).groups()
            if (n[what] > int(num)) if op == "<=" else (n[what] < int(num)):
                ok = False
                print(" NOT %s" % lim, end="")
    print()
    return ok


def many(host, port, n, wave):
    # wave 0: connect all N from 64 threads at once. wave K: set them up
    # K at a time, each with a first echoed line, because QEMU's hostfwd
    # socket listens with a backlog of 1 and a burst of connects loses
    # SYNs (and, past the host's accept queue, whole connections).
    import concurrent.futures

    def connect(i):
        try:
            s = socket.create_connection((host, port), timeout=60)
            if wave:
                line = b"open %d\n" % i
                s.sendall(line)
                got = b""
                while len(got) < len(line):
                    b = s.recv(len(line) - len(got))
                    if not b:
                        raise OSError("closed during set-up")
                    got += b
                if got != line:
                    raise OSError("set-up line echoed wrong")
            return s
        except OSError as e:
            return e

    with concurrent.futures.ThreadPoolExecutor(wave or 64) as ex:
        socks = list(ex.map(connect, range(n)))
    bad = [s for s in socks if isinstance(s, OSError)]
    if bad:
        print("many: %d of %d connections failed: %s" % (len(bad), n, bad[0]))
        for s in socks:
            if not isinstance(s, OSError):
                s.close()
        return False
    want = {}
    sel = selectors.DefaultSelector()
    for i, s in enumerate(socks):
        msg = b"conn %d: " % i + bytes((i * 13 + k) % 251 for k in range(100 + i % 900))
        want[s] = [msg, b""]
        s.sendall(msg)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    left, end = n, time.time() + 60
    while left and time.time() < end:
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            try:
                b = s.recv(4096)
            except OSError:
                b = b""
            w = want[s]
            w[1] += b
            if not b or len(w[1]) >= len(w[0]):
                sel.unregister(s)
                left -= 1
    good = sum(1 for w in want.values() if w[0] == w[1])
    short = sum(1 for w in want.values() if len(w[1]) < len(w[0]))
    for s in socks:
        s.close()
    print("many: %d connections open at once, %d of %d echoed exactly%s" %
          (n, good, n, " (%d closed or silent early)" % short if short else ""))
    return good == n


def exhaust(ifname, host, port, n):
    import concurrent.futures
    import subprocess

    def connect(i):
        try:
            s = socket.create_connection((host, port), timeout=3)
            s.sendall(bytes(65536))
            return s
        except OSError as e:
            return e

    with concurrent.futures.ThreadPoolExecutor(64) as ex:
        socks = list(ex.map(connect, range(n)))
    opened = [s for s in socks if not isinstance(s, OSError)]
    time.sleep(1)
    for s in opened:
        s.close()
    subprocess.run(["ip", "neigh", "flush", "dev", ifname], check=False)
    print("exhaust: %d of %d connections of 64 KiB opened, all closed; " %
          (len(opened), n), end="", flush=True)
    end = time.time() + 30
    while time.time() < end:
        try:
            socket.create_connection((host, port), timeout=2).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        print("no answer within 30 s (not even ARP: %s)" %
              ("learnt" if neigh_mac(host) else "no neighbour entry"))
        return False
    print("answers again; ", end="", flush=True)
    # Memory comes back as the image tears the old connections down:
    # new ones may be refused for a while (tcpecho closes a connection
    # it has no buffer for), not beyond the deadline.
    import contextlib
    import io
    tries = 0
    while True:
        tries += 1
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            ok = many(host, port, 50, 0)
        if ok or time.time() >= end:
            break
        time.sleep(1)
    print("%s (try %d)" % (out.getvalue().strip(), tries))
    return ok


def csum(data):
    if len(data) % 2:
        data += b"\0"
    v = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while v >> 16:
        v = (v & 0xffff) + (v >> 16)
    return ~v & 0xffff


def neigh_mac(ip):
    with open("/proc/net/arp") as f:
        for line in f.readlines()[1:]:
            w = line.split()
            if w[0] == ip and w[3] != "00:00:00:00:00:00":
                return bytes.fromhex(w[3].replace(":", ""))
    return None


def ip_hdr(src, dst, payload, ihl=5, tot=None, proto=6, good=True, opts=b""):
    tot = 20 + len(opts) + len(payload) if tot is None else tot
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, tot & 0xffff,
                    random.randrange(65536), 0, 64, proto, 0, src, dst) + opts
    c = csum(h)
    if not good:
        c ^= 0x1234
    return h[:10] + struct.pack("!H", c) + h[12:]


def tcp_seg(src, dst, sport, dport, flags, opts=b"", data=b"", doff=None,
            good=True, seq=None):
    hl = 20 + len(opts)
    doff = hl // 4 if doff is None else doff
    seq = random.randrange(1 << 32) if seq is None else seq
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, (doff & 15) << 4,
                    flags & 0xff, 8192, 0, 0) + opts
    pseudo = struct.pack("!4s4sBBH", src, dst, 0, 6, len(h) + len(data))
    c = csum(pseudo + h + data)
    if not good:
        c ^= 0x4321
    return h[:16] + struct.pack("!H", c) + h[18:] + data


def malformed(ifname, host, port):
    # Learn the image's MAC by talking to it first.
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as e:
        print("malformed: no connection before the frames: %s" % e)
        return False
    dmac = neigh_mac(host)
    if not dmac:
        print("malformed: no neighbour entry for %s" % host)
        return False
    with open("/sys/class/net/%s/address" % ifname) as f:
        smac = bytes.fromhex(f.read().strip().replace(":", ""))
    # The tap's own address: the route to HOST says which it is.
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.connect((host, 9))
    src = socket.inet_aton(u.getsockname()[0])
    u.close()
    dst = socket.inet_aton(host)
    eth = dmac + smac + b"\x08\x00"
    r = random.Random(99)
    random.seed(7)
    frames = []

    def seg(**kw):
        return tcp_seg(src, dst, r.randrange(1024, 65536), port, **kw)

    # IPv4 header: lengths and checksums
    for ihl in (0, 1, 4, 6, 15):
        frames.append(ip_hdr(src, dst, seg(flags=0x02), ihl=ihl))
    for tot in (0, 10, 19, 21, 39, 1500, 65535):
        frames.append(ip_hdr(src, dst, seg(flags=0x02), tot=tot))
    frames.append(ip_hdr(src, dst, seg(flags=0x02), good=False))
    frames.append(ip_hdr(src, dst, seg(flags=0x02), opts=b"\x07\x03"))
    frames.append(ip_hdr(src, dst, seg(flags=0x02), opts=b"\x44\x00\x00\x00"))
    # TCP: wrong checksums, truncated headers, bad data offsets
    frames.append(ip_hdr(src, dst, seg(flags=0x02, good=False)))
    frames.append(ip_hdr(src, dst, seg(flags=0x10, data=b"x" * 100, good=False)))
    for cut in (1, 8, 13, 19):
        frames.append(ip_hdr(src, dst, seg(flags=0x02)[:cut]))
    for doff in (0, 1, 4, 6, 15):
        frames.append(ip_hdr(src, dst, seg(flags=0x02, doff=doff)))
    # bogus flag combinations
    for fl in (0x00, 0x3f, 0xff, 0x03, 0x05, 0x06, 0x07, 0x01, 0x04, 0x20,
               0x29, 0x12, 0xc2):
        frames.append(ip_hdr(src, dst, seg(flags=fl, data=b"hello")))
    # bogus options (checksums right, so TCP parses them)
    for opts in (b"\x02\x00\x00\x00", b"\x02\x01\x05\xb4", b"\x02\x04\x00\x00",
                 b"\x02\xff\x05\xb4", b"\x03\x03\xff\x00", b"\x03\x00\x00\x00",
                 b"\x04\x02\x08\x00", b"\x05\x03\x00\x00", b"\x08\x0a\x00\x00",
                 b"\x08\x0a" + b"\xff" * 8 + b"\x01\x01", b"\xfe\x00\x00\x00",
                 b"\x01" * 40, b"\x00" * 40, b"\xff" * 40,
                 bytes(r.randrange(256) for _ in range(40))):
        if len(opts) % 4:
            opts += b"\x00" * (4 - len(opts) % 4)
        frames.append(ip_hdr(src, dst, seg(flags=0x02, opts=opts)))
        frames.append(ip_hdr(src, dst, seg(flags=0x10, opts=opts, data=b"d")))
    # non-TCP protocols with garbage, fragments, runts, random frames
    for proto in (1, 17, 41, 58, 255):
        frames.append(ip_hdr(src, dst, bytes(r.randrange(256) for _ in range(30)),
                             proto=proto))
    frag = ip_hdr(src, dst, seg(flags=0x02, data=b"f" * 64))
    frames.append(frag[:6] + b"\x20\x00" + frag[8:])      # MF, never completed
    frames.append(frag[:6] + b"\x1f\xff" + frag[8:])      # huge offset
    out = [eth + f for f in frames]
    out += [eth[:12] + b"\x08\x00" + bytes(r.randrange(256) for _ in range(r.randrange(0, 200)))
            for _ in range(100)]
    out += [eth[:12] + b"\x86\xdd" + bytes(r.randrange(256) for _ in range(r.randrange(0, 200)))
            for _ in range(30)]
    out += [eth[:12] + b"\x08\x06" + bytes(r.randrange(256) for _ in range(28))
            for _ in range(20)]
    out += [bytes(r.randrange(256) for _ in range(r.randrange(1, 14)))
            for _ in range(20)]
    p = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    p.bind((ifname, 0))
    sent = 0
    for f in out:
        if len(f) < 14:
            f = f + b"\0" * (14 - len(f))    # the kernel wants a header
        try:
            p.send(f[:1514])
            sent += 1
        except OSError:
            pass
        time.sleep(0.001)
    p.close()
    print("malformed: %d frames sent (%d crafted IPv4/TCP, %d random)" %
          (sent, len(frames), len(out) - len(frames)))
    return sent >= len(out) - 20


def main(a):
    mode = a[0]
    if mode == "echo":
        return echo(a[1], int(a[2]), int(a[3]), a[4] if len(a) > 4 else None,
                    tuple(a[5:]))
    if mode == "many":
        return many(a[1], int(a[2]), int(a[3]),
                    int(a[4]) if len(a) > 4 else 0)
    if mode == "exhaust":
        return exhaust(a[1], a[2], int(a[3]), int(a[4]))
    if mode == "malformed":
        return malformed(a[1], a[2], int(a[3]))
    print("usage: tcp-host.py echo|many|exhaust|malformed ... (see the header)")
    return False


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1:]) else 1)
