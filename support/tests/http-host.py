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
# Prints a one-line summary; exits 1 on the first wrong answer.
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
