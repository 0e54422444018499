# SPDX-License-Identifier: BSD-3-Clause
"""Real connections during a SYN flood: lwip against Linux.

The flood: SYNs from forged addresses in 198.18.0.0/15 (which never
answer) at 1,000 and at 10,000 per second for 8 s, sent with a raw socket
by support/tests/netlimits-host.py; meanwhile a real client connects once
a second (at most 3 s each) and has a line echoed. Figures: how many real
connections worked, and their median connect time.

Servers: apps/tcpecho on linuxu behind a tap (lwip; a full backlog drops
the listener's oldest half-open connection for a new SYN, lib/lwip/
limits.c), and, as the baseline, the same apps/tcpecho/main.c built for
the host (lib.host_like) in a second namespace behind a veth pair, with
Linux's SYN cookies on (its default) and off. Both listen with
SOMAXCONN: lwip caps the backlog at 255, Linux at net.core.somaxconn and
net.ipv4.tcp_max_syn_backlog of the namespace. The server's SYN-ACKs to
the forged addresses go to the client's namespace, which drops them.
Root only (network namespaces and a raw socket).
"""
import re
import subprocess

import lib

SECS = 8
RATES = (1000, 10000)


def run():
    if not lib.can_netns():
        print("synflood: skipped (needs root and ip(8) for a network namespace)")
        return
    img = lib.image(lib.make("tcpecho", "syn-linuxu", "-j2"), "tcpecho", "linuxu")
    host, _ = lib.host_like("syn-linuxu", "tcpecho-host",
                            [lib.src("apps", "tcpecho", "main.c")])
    tool = lib.src("support", "tests", "netlimits-host.py")
    pairs = [("veth0", "10.99.9.1/24", "veth1", "10.99.9.2/24", True)]
    with lib.tap_netns("tessera-syn", ("tap0", "10.99.8.1/24")) as ns, \
            lib.veth_netns("tessera-synh", ns, *pairs) as hns:
        subprocess.run(["ip", "-n", hns, "route", "add", "default", "via", "10.99.9.1"],
                       check=True)

        def ready(addr):
            probe = ("import socket; socket.create_connection(('%s', 7), 1).close()" % addr)
            return lambda: subprocess.run(lib.cmd(["python3", "-c", probe], 5, ns),
                                          stderr=subprocess.DEVNULL).returncode == 0

        def flood(argv, addr, server_ns, rate):
            p = lib.start(argv, ready(addr), 120, server_ns)
            try:
                r = subprocess.run(lib.cmd(["python3", tool, "synflood", addr, "7",
                                            str(rate), str(SECS)], 60, ns),
                                   capture_output=True, text=True)
            finally:
                lib.stop(p)
            m = re.search(r"(\d+) SYNs .*real connections: (\d+) of (\d+), connect ms: (.*)",
                          r.stdout)
            if not m:
                lib.fail("synflood against %s: %s%s" % (argv[0], r.stdout, r.stderr))
            ms = sorted(float(x) for x in m.group(4).split() if x != "-")
            med = "%.1f ms" % ms[len(ms) // 2] if ms else "-"
            return "%s of %s connected (median %s; %d SYNs sent)" % (
                m.group(2), m.group(3), med, int(m.group(1)))

        uk = [img, "tap.name=tap0", "netdev.ip=10.99.8.2/24", "netdev.gw=10.99.8.1", "--"]
        for rate in RATES:
            res = {}
            for cookies in ("1", "0"):
                subprocess.run(lib.cmd(["sysctl", "-qw", "net.ipv4.tcp_syncookies=" + cookies],
                                       10, hns), check=True)
                res[cookies] = flood([host], "10.99.9.2", hns, rate)
            res["uk"] = flood(uk, "10.99.8.2", ns, rate)
            print("synflood: %d forged SYNs/s for %d s, a real client each second: Linux with"
                  " SYN cookies (baseline): %s; Linux without: %s; lwip on linuxu: %s"
                  % (rate, SECS, res["1"], res["0"], res["uk"]))
