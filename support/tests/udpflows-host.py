#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# usage: udpflows-host.py HOST PORT FLOWS N
# N datagrams from each of FLOWS sockets (one source port each, so a
# multiqueue tap spreads them over its queues), one at a time, each
# retried up to 5 times until it comes back unchanged; prints "echoed K
# of S" and fails unless all came back.
import socket
import sys


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    flows, per = int(sys.argv[3]), int(sys.argv[4])
    ok = 0
    for f in range(flows):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(1)
        for i in range(per):
            msg = b"flow %d datagram %d" % (f, i)
            for _ in range(5):
                s.sendto(msg, (host, port))
                try:
                    if s.recvfrom(2048)[0] == msg:
                        ok += 1
                        break
                except socket.timeout:
                    pass
        s.close()
    print("echoed %d of %d" % (ok, flows * per))
    return 0 if ok == flows * per else 1


sys.exit(main())
