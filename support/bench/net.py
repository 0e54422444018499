# SPDX-License-Identifier: BSD-3-Clause
"""UDP echo packets/s and round trips of apps/udpecho-raw; then tcp and
http.

64-byte datagrams, 16 in flight, 5 s per figure, medians of 3
interleaved rounds (client: support/bench/udpecho-host.c, which also
times each echo: p50 and p99): linuxu over tap in a network namespace
of its own (root only); kvm (TCG) over virtio-net behind QEMU user
networking, interrupt and polling mode, reported without a baseline.

Baseline: udpecho-raw answers frames on uknetdev, without a network
stack, so there is no host build of it; the host side is
udpecho-host.c's echo server (gcc -O2, kernel UDP sockets: recvfrom and
sendto), in a second namespace behind a veth pair (MTU 1500, default
offloads) whose other end is in the client's namespace, next to the
image's tap (MTU 1500, tap.offload=1).
"""
import socket
import statistics
import subprocess
import time

import lib


def run():
    host = lib.host_cc("udpecho-host", "support/bench/udpecho-host.c")

    def client(addr, port, ns=None, secs=5):
        """(packets/s, p50 us, p99 us)"""
        out = subprocess.run(lib.cmd([host, "client", addr, str(port), str(secs), "16"],
                                     30, ns), capture_output=True, text=True).stdout.split()
        return tuple(float(v) for v in out[1::2]) if out[:1] == ["pps"] else (0.0, -1, -1)

    def served(argv, bound, addr, port, ns=None, server_ns=None, warm=None):
        p = lib.spawn(argv, bound, server_ns or ns)
        try:
            if warm:
                warm()
            else:
                time.sleep(0.5)
            return client(addr, port, ns)
        finally:
            lib.stop(p)

    if lib.can_netns():
        img = lib.image(lib.make("udpecho-raw", "net-linuxu", "-j2"), "udpecho-raw", "linuxu")
        with lib.tap_netns("tessera-bench", ("tap0", "10.99.0.1/24")) as ns, \
                lib.veth_netns("tessera-benchh", ns,
                               ("veth0", "10.99.5.1/24", "veth1", "10.99.5.2/24", True)) as hns:
            runs = {"host": [], "uk": []}
            for _ in range(3):
                runs["host"].append(served([host, "server", "10.99.5.2", "7"], 60,
                                           "10.99.5.2", 7, ns, hns))
                runs["uk"].append(served([img, "tap.name=tap0", "--", "ip=10.99.0.2"], 60,
                                         "10.99.0.2", 7, ns))
            base, uk = ([statistics.median(r[i] for r in runs[k]) for i in range(3)]
                        for k in ("host", "uk"))
            print("net: host UDP echo program (udpecho-host.c, gcc -O2) in a namespace behind"
                  " a veth pair (MTU 1500, offloads on): %.0f packets/s, round trip p50 %.0f"
                  " us, p99 %.0f us (baseline)" % tuple(base))
            print("net: udpecho-raw on linuxu over tap (MTU 1500, tap.offload=1): %.0f"
                  " packets/s, round trip p50 %.0f us, p99 %.0f us; ratio %.2f; per-round"
                  " ratios %s" % (*uk, uk[0] / base[0] if base[0] else 0, ", ".join(
                      "%.2f" % (u[0] / h[0] if h[0] else 0)
                      for u, h in zip(runs["uk"], runs["host"]))))
            print("net: (64-byte datagrams, 16 in flight, 5 s runs, medians of 3 interleaved"
                  " rounds)")
    else:
        print("net: linuxu over tap skipped (needs root and ip(8))")
    img = lib.image(lib.kvm_make("udpecho-raw", "net-kvm", "CONFIG_PLAT_VIRTIO_NET=y\n"),
                    "udpecho-raw", "kvm")
    for mode in ("irq", "poll"):
        port = lib.free_port(socket.SOCK_DGRAM)
        argv = lib.qemu_argv(img, 32, ["-netdev",
                                       "user,id=n0,hostfwd=udp:127.0.0.1:%d-:7" % port,
                                       "-device", "virtio-net-pci,netdev=n0,disable-legacy=on",
                                       "-append", "-- mode=" + mode])
        pps, p50, p99 = served(argv, 60, "127.0.0.1", port,
                               warm=lambda: client("127.0.0.1", port, secs=2))
        print("net: udpecho-raw on kvm (TCG, user net, virtio-net, %s mode): %.0f packets/s,"
              " round trip p50 %.0f us, p99 %.0f us (report only)" % (mode, pps, p50, p99))
    lib.load("tcp").run()
    lib.load("http").run()
