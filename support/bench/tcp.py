# SPDX-License-Identifier: BSD-3-Clause
"""TCP echo MiB/s of apps/tcpecho, with and without offloads.

One connection with a checked pattern (client:
support/bench/tcpecho-host.c), in a network namespace of its own (root
only): linuxu over tap with the tap's offloads and with tap.offload=0,
256 MiB, medians of 3 interleaved rounds; kvm (TCG) over a tap netdev
with and without TSO, 64 MiB.

Baseline: tcpecho-host.c's echo server (gcc -O2) over the same
namespace's loopback, not over a tap. kvm is reported without one.
"""
import statistics
import subprocess
import time

import lib


def run():
    if not lib.can_netns():
        print("tcp: skipped (needs root and ip(8) for a network namespace)")
        return
    host = lib.host_cc("tcpecho-host", "support/bench/tcpecho-host.c", "-pthread")
    img = lib.image(lib.make("tcpecho", "tcp-linuxu", "-j2"), "tcpecho", "linuxu")
    kimg = lib.image(lib.kvm_make("tcpecho", "tcp-kvm", lib.app_defconfig("tcpecho")),
                     "tcpecho", "kvm")

    with lib.tap_netns("tessera-tcp", ("tap0", "10.99.2.1/24"),
                       ("tap1", "10.99.3.1/24")) as ns:
        def echo(argv, addr, port, mib):
            """MiB/s of one echo of MIB MiB through the server ARGV."""
            p = lib.spawn(argv, 300, ns)
            try:
                for _ in range(150):
                    r = subprocess.run(lib.cmd([host, "client", addr, str(port), "1"], 120, ns),
                                       capture_output=True, text=True)
                    if r.stdout.startswith("mibps"):
                        break
                    time.sleep(0.2)
                r = subprocess.run(lib.cmd([host, "client", addr, str(port), str(mib)], 120, ns),
                                   capture_output=True, text=True)
                if not r.stdout.startswith("mibps"):
                    lib.fail("tcp echo through %s: %s%s" % (argv[0], r.stdout, r.stderr))
                return float(r.stdout.split()[1])
            finally:
                lib.stop(p)

        uk = [img, "tap.name=tap0", "netdev.ip=10.99.2.2/24", "--"]
        runs = {"host": [], "on": [], "off": []}
        for _ in range(3):
            runs["host"].append(echo([host, "server", "127.0.0.1", "7"], "127.0.0.1", 7, 256))
            runs["on"].append(echo(uk, "10.99.2.2", 7, 256))
            runs["off"].append(echo(uk[:2] + ["tap.offload=0"] + uk[2:], "10.99.2.2", 7, 256))
        base, on, off = (statistics.median(runs[k]) for k in ("host", "on", "off"))
        print("tcp: host echo program over the namespace's loopback, 256 MiB: %.0f MiB/s"
              " (baseline)" % base)
        print("tcp: tcpecho on linuxu over tap with offloads (TSO, checksums, host-merged"
              " receive): %.0f MiB/s, ratio %.2f" % (on, on / base))
        print("tcp: tcpecho on linuxu over tap, tap.offload=0: %.0f MiB/s, ratio %.2f;"
              " offloads %.2fx faster" % (off, off / base, on / off))
        print("tcp: (medians of 3 interleaved rounds)")
        kvm = {}
        for tso in ("on", "off"):
            dev = "virtio-net-pci,netdev=n0,host_tso4=%s,host_tso6=%s" % (tso, tso)
            argv = lib.qemu_argv(
                kimg, 64, ["-netdev", "tap,id=n0,ifname=tap1,script=no,downscript=no",
                           "-device", dev, "-append", "netdev.ip=10.99.3.2/24 --"])
            kvm[tso] = echo(argv, "10.99.3.2", 7, 64)
        print("tcp: tcpecho on kvm (TCG) over a tap netdev, virtio-net, 64 MiB: TSO %.1f"
              " MiB/s, without TSO %.1f MiB/s (%.2fx)" % (kvm["on"], kvm["off"],
                                                         kvm["on"] / kvm["off"]))
