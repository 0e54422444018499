# SPDX-License-Identifier: BSD-3-Clause
"""TCP echo MiB/s and round trips of apps/tcpecho, with and without
offloads.

One connection with a checked pattern (client:
support/bench/tcpecho-host.c), in a network namespace of its own (root
only): linuxu over tap with the tap's offloads and with tap.offload=0,
256 MiB, and 64-byte round trips one at a time for 3 s (p50, p99),
medians of 3 interleaved rounds; kvm (TCG) over a tap netdev with and
without TSO, 64 MiB, reported without a baseline.

Baseline: the same apps/tcpecho/main.c built for the host with gcc and
the flags of the image's build (lib.host_like: static, the host's C
library and kernel TCP), in a second namespace behind veth pairs whose
other ends are in the client's namespace, next to the image's tap: MTU
1500 on all; against tap.offload=1 a veth with its default offloads
(checksums, TSO, GSO), against tap.offload=0 one with every offload off
(ethtool -K: rx tx sg tso gso gro off), so that both sides checksum and
segment in software.
"""
import statistics
import subprocess
import time

import lib

RTT_SECS = 3


def run():
    if not lib.can_netns():
        print("tcp: skipped (needs root and ip(8) for a network namespace)")
        return
    client = lib.host_cc("tcpecho-client", "support/bench/tcpecho-host.c", "-pthread")
    img = lib.image(lib.make("tcpecho", "tcp-linuxu", "-j2"), "tcpecho", "linuxu")
    host, flags = lib.host_like("tcp-linuxu", "tcpecho-host", [lib.src("apps", "tcpecho",
                                                                       "main.c")])
    kimg = lib.image(lib.kvm_make("tcpecho", "tcp-kvm", lib.app_defconfig("tcpecho")),
                     "tcpecho", "kvm")
    off = lib.have_ethtool()
    pairs = [("veth0", "10.99.6.1/24", "veth1", "10.99.6.2/24", True)]
    if off:
        pairs.append(("veth2", "10.99.7.1/24", "veth3", "10.99.7.2/24", False))

    with lib.tap_netns("tessera-tcp", ("tap0", "10.99.2.1/24"),
                       ("tap1", "10.99.3.1/24")) as ns, \
            lib.veth_netns("tessera-tcph", ns, *pairs) as hns:
        def ask(mode, addr, arg):
            # kvm's echo under TCG on a busy host can stall for seconds
            # (resends after timeouts): a generous bound.
            r = subprocess.run(lib.cmd([client, mode, addr, "7", str(arg)], 300, ns),
                               capture_output=True, text=True)
            return r, r.stdout.split()

        def echo(argv, addr, mib, rtt=False, server_ns=None):
            """MiB/s of one echo of MIB MiB through the server ARGV, and
            with RTT (round trips/s, p50 us, p99 us) of 64-byte ones."""
            p = lib.spawn(argv, 900, server_ns or ns)
            try:
                for _ in range(150):
                    if ask("client", addr, 1)[1][:1] == ["mibps"]:
                        break
                    time.sleep(0.2)
                r, w = ask("client", addr, mib)
                if w[:1] != ["mibps"]:
                    lib.fail("tcp echo through %s: %s%s" % (argv[0], r.stdout, r.stderr))
                if not rtt:
                    return float(w[1])
                r, t = ask("rtt", addr, RTT_SECS)
                if t[:1] != ["rtps"]:
                    lib.fail("tcp round trips through %s: %s%s" % (argv[0], r.stdout,
                                                                  r.stderr))
                return float(w[1]), tuple(float(v) for v in t[1::2])
            finally:
                lib.stop(p)

        uk = [img, "tap.name=tap0", "netdev.ip=10.99.2.2/24", "--"]
        runs = {k: [] for k in ("host", "on", "host-off", "off")}
        for _ in range(3):
            runs["host"].append(echo([host], "10.99.6.2", 256, True, hns))
            runs["on"].append(echo(uk, "10.99.2.2", 256, True))
            if off:
                runs["host-off"].append(echo([host], "10.99.7.2", 256, server_ns=hns))
            runs["off"].append(echo(uk[:2] + ["tap.offload=0"] + uk[2:], "10.99.2.2", 256))

        def med(k):
            return statistics.median(r[0] if isinstance(r, tuple) else r for r in runs[k])

        def rt(k):
            return [statistics.median(r[i] for _, r in runs[k]) for i in range(3)]

        print("tcp: baseline: apps/tcpecho/main.c built for the host (gcc %s, static, glibc)"
              " in a namespace behind a veth pair; the image on linuxu behind a tap; MTU 1500"
              " on both; the client in the namespace of both the tap and the veth's other end"
              % " ".join(f for f in flags if f.startswith("-O")))
        base, on = med("host"), med("on")
        print("tcp: with offloads, 256 MiB: tcpecho on the host over veth (checksums, TSO,"
              " GSO): %.0f MiB/s (baseline); tcpecho on linuxu over tap (tap.offload=1:"
              " checksums, TSO, host-merged receive): %.0f MiB/s, ratio %.2f"
              % (base, on, on / base))
        if off:
            base_off, uk_off = med("host-off"), med("off")
            print("tcp: without offloads, 256 MiB: tcpecho on the host over veth (ethtool -K"
                  " ... off): %.0f MiB/s (baseline); tcpecho on linuxu over tap"
                  " (tap.offload=0): %.0f MiB/s, ratio %.2f; offloads make linuxu %.2fx"
                  " faster, the host %.2fx" % (base_off, uk_off, uk_off / base_off,
                                               on / uk_off, base / base_off))
        else:
            uk_off = med("off")
            print("tcp: tcpecho on linuxu over tap, tap.offload=0: %.0f MiB/s (no baseline:"
                  " ethtool is missing, support/scripts/install-deps)" % uk_off)
        h, u = rt("host"), rt("on")
        print("tcp: 64-byte round trips, one at a time, %d s: host over veth %.0f/s, p50"
              " %.1f us, p99 %.1f us (baseline); linuxu over tap %.0f/s, p50 %.1f us, p99"
              " %.1f us; ratio %.2f" % (RTT_SECS, *h, *u, u[0] / h[0]))
        print("tcp: (medians of 3 interleaved rounds)")
        kvm = {}
        for tso in ("on", "off"):
            dev = "virtio-net-pci,netdev=n0,host_tso4=%s,host_tso6=%s" % (tso, tso)
            argv = lib.qemu_argv(
                kimg, 64, ["-netdev", "tap,id=n0,ifname=tap1,script=no,downscript=no",
                           "-device", dev, "-append", "netdev.ip=10.99.3.2/24 --"])
            kvm[tso] = echo(argv, "10.99.3.2", 64, tso == "on")
        mib, (n, p50, p99) = kvm["on"]
        print("tcp: tcpecho on kvm (TCG) over a tap netdev, virtio-net, 64 MiB: TSO %.1f"
              " MiB/s, without TSO %.1f MiB/s (%.2fx); 64-byte round trips %.0f/s, p50 %.0f"
              " us, p99 %.0f us (report only)" % (mib, kvm["off"], mib / kvm["off"], n, p50,
                                                  p99))
