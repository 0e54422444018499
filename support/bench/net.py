# SPDX-License-Identifier: BSD-3-Clause
"""UDP echo packets/s of apps/udpecho-raw; then tcp and http.

64-byte datagrams, 16 in flight, 5 s per figure (client:
support/bench/udpecho-host.c): linuxu over tap in a network namespace of
its own (root only); kvm (TCG) over virtio-net behind QEMU user
networking, interrupt and polling mode.

Baseline: udpecho-host.c's echo server (gcc -O2) over the same
namespace's loopback, not over a tap. kvm is reported without one.
"""
import socket
import subprocess
import time

import lib


def run():
    host = lib.host_cc("udpecho-host", "support/bench/udpecho-host.c")

    def client(addr, port, ns=None, secs=5):
        out = subprocess.run(lib.cmd([host, "client", addr, str(port), str(secs), "16"],
                                     30, ns), capture_output=True, text=True).stdout
        return float(out.split()[1]) if out.startswith("pps") else 0.0

    def served(argv, bound, addr, port, ns=None, warm=None):
        p = lib.spawn(argv, bound, ns)
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
        with lib.tap_netns("tessera-bench", ("tap0", "10.99.0.1/24")) as ns:
            base = served([host, "server", "127.0.0.1", "7"], 60, "127.0.0.1", 7, ns)
            uk = served([img, "tap.name=tap0", "--", "ip=10.99.0.2"], 60, "10.99.0.2", 7, ns)
            print("net: host UDP echo program (loopback, same namespace): %.0f packets/s"
                  " (baseline)" % base)
            print("net: udpecho-raw on linuxu over tap: %.0f packets/s, ratio %.2f"
                  % (uk, uk / base if base else 0))
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
        pps = served(argv, 60, "127.0.0.1", port,
                     warm=lambda: client("127.0.0.1", port, secs=2))
        print("net: udpecho-raw on kvm (TCG, user net, virtio-net, %s mode): %.0f packets/s"
              % (mode, pps))
    lib.load("tcp").run()
    lib.load("http").run()
