#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
#
# Host side of the httpreply tests (85-lwip): HTTP/1.1 clients that check
# every answer.
#   http-host.py keepalive HOST PORT N     N requests on one connection
#   http-host.py parallel HOST PORT C R    C connections at once, R
#                                          requests on each
#   http-host.py held HOST PORT C R K      C connections open at the same
#                                          time, set up (connect and a first
#                                          request answered) at most K at a
#                                          time, then R more requests on
#                                          each, all at once
#   http-host.py wait HOST PORT SECONDS    until a connection is accepted
#   http-host.py bad HOST PORT             malformed and unusual requests
#                                          (BAD_CASES): each connection gets
#                                          exactly the answers listed, then
#                                          the server's close (8 answers)
#   http-host.py reuse HOST PORT N         N connections one after the
#                                          other from the same source port,
#                                          each closed by the server first
#                                          ("Connection: close"): each must
#                                          be accepted at once although the
#                                          last one is in TIME_WAIT there
# Prints a one-line summary; exits 1 on the first wrong answer.
import errno
import http.client
import socket
import sys
import threading
import time

WANT = b"Hello from Tessera"


class Wrong(Exception):
    pass


def get(c, sock, i):
    """One request on connection C, which must stay on socket SOCK."""
    c.request("GET", "/index.html")
    r = c.getresponse()
    body = r.read()
    if r.status != 200 or WANT not in body:
        raise Wrong("request %d: status %d, body %r" % (i, r.status, body[:60]))
    if r.getheader("Connection", "").lower() != "keep-alive":
        raise Wrong("request %d: Connection: %s" % (i, r.getheader("Connection")))
    if c.sock is not sock:
        raise Wrong("request %d: the connection was not kept" % i)


def session(host, port, n, errors, setup=None):
    try:
        c = http.client.HTTPConnection(host, port, timeout=15)
        if setup:
            gate, barrier = setup
            # A first answer proves that the server accepted the connection.
            with gate:
                c.connect()
                get(c, c.sock, 0)
            barrier.wait(120)
        else:
            c.connect()
        sock = c.sock
        for i in range(n):
            get(c, sock, i + 1 if setup else i)
        c.close()
    except Exception as e:  # noqa: BLE001 - any failure is a test failure
        errors.append("%s: %s" % (type(e).__name__, e))
        if setup:
            setup[1].abort()


# (name, bytes sent in one segment, [(method, status)] expected in order)
BAD_CASES = [
    ("a request and garbage in one segment",
     b"GET / HTTP/1.1\r\nHost: h\r\n\r\nthis is no request\r\n\r\n",
     [("GET", 200), ("GET", 400)]),
    ("a NUL byte in the head",
     b"GET / HTTP/1.1\r\nHost: h\x00x\r\n\r\n", [("GET", 400)]),
    ("bare LF line endings",
     b"GET / HTTP/1.1\nHost: h\n\nGET / HTTP/1.1\nConnection: close\n\n",
     [("GET", 200), ("GET", 200)]),
    ("HEAD (no body), then GET",
     b"HEAD / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.0\r\n\r\n",
     [("HEAD", 200), ("GET", 200)]),
    ("a head over 4 KiB", b"GET /" + b"a" * 5000, [("GET", 431)]),
]


def read_answers(data, expect):
    """Parse the answers in DATA (all the server sent before closing)
    against EXPECT; returns an error string or None."""
    got = []
    for method, _ in expect:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            break
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        hdrs = dict(l.split(b":", 1) for l in lines[1:] if b":" in l)
        n = int(hdrs.get(b"Content-Length", b"0"))
        if method == "HEAD":
            n = 0
        if len(rest) < n:
            return "answer %d: body cut short" % (len(got) + 1)
        if status == 200 and method == "GET" and WANT not in rest[:n]:
            return "answer %d: no page in %r" % (len(got) + 1, rest[:60])
        got.append((method, status))
        data = rest[n:]
    if got != expect or data:
        return "answers %r, then %r" % ([g[1] for g in got], data[:80])
    return None


def bad(host, port):
    for name, req, expect in BAD_CASES:
        s = socket.create_connection((host, port), timeout=10)
        s.sendall(req)
        data = b""
        try:
            while True:
                b = s.recv(65536)
                if not b:
                    break
                data += b
        except OSError as e:
            return "%s: no close from the server (%s) after %r" % (name, e, data[:200])
        finally:
            s.close()
        err = read_answers(data, expect)
        if err:
            return "%s: %s" % (name, err)
    return None


def reuse(host, port, n):
    sport = 40000 + int(time.time() * 1000) % 20000
    for i in range(n):
        # The host's own end of the last connection may still wait in
        # LAST_ACK for the image's ACK of its FIN (EADDRNOTAVAIL here, a
        # race of this client's, not the image's): retry for up to 2 s.
        for _ in range(200):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("", sport))
            s.settimeout(5)
            t = time.time()
            try:
                s.connect((host, port))
                break
            except OSError as e:
                s.close()
                if e.errno != errno.EADDRNOTAVAIL:
                    return "connection %d from port %d: %s after %.1f s" % (
                        i + 1, sport, e, time.time() - t)
                time.sleep(0.01)
        try:
            s.sendall(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                b = s.recv(65536)
                if not b:
                    break
                data += b
        except OSError as e:
            return "connection %d from port %d: %s after %.1f s" % (i + 1, sport, e, time.time() - t)
        finally:
            s.close()
        err = read_answers(data, [("GET", 200)])
        if err:
            return "connection %d: %s" % (i + 1, err)
    return None


def main():
    mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    errors = []
    t0 = time.time()
    if mode == "wait":
        end = time.time() + float(sys.argv[4])
        while time.time() < end:
            try:
                socket.create_connection((host, port), timeout=1).close()
                print("accepting")
                return 0
            except OSError:
                time.sleep(0.2)
        print("no connection accepted")
        return 1
    if mode in ("bad", "reuse"):
        if mode == "bad":
            err = bad(host, port)
            what = "%d malformed or unusual requests answered, then closed" % len(BAD_CASES)
        else:
            err = reuse(host, port, int(sys.argv[4]))
            what = "%s connections from one source port, each accepted at once" % sys.argv[4]
        if err:
            print("%s: %s" % (what, err))
            return 1
        print("%s in %.2f s" % (what, time.time() - t0))
        return 0
    if mode == "keepalive":
        n = int(sys.argv[4])
        session(host, port, n, errors)
        what = "%d requests on one connection" % n
    else:
        conns, reqs = int(sys.argv[4]), int(sys.argv[5])
        setup = None
        if mode == "held":
            setup = (threading.Semaphore(int(sys.argv[6])), threading.Barrier(conns))
        ts = [threading.Thread(target=session, args=(host, port, reqs, errors, setup))
              for _ in range(conns)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        what = "%d parallel connections x %d requests" % (conns, reqs)
        if setup:
            what = ("%d connections open at once (set up %s at a time), then %d"
                    " requests on each" % (conns, sys.argv[6], reqs))
    if errors:
        print("%s: %d errors, first: %s" % (what, len(errors), errors[0]))
        return 1
    print("%s in %.2f s" % (what, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
