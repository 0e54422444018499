# SPDX-License-Identifier: BSD-3-Clause
"""Smallest -m with which httpreply on kvm serves 100 connections.

Bisection over 1..16 MiB: httpreply on kvm (TCG, QEMU user networking)
must hold 100 connections open at once and answer a request on each
(support/tests/http-host.py held ... 100 1 8), then exit after 200
requests.

Baseline: none, a goal (<= 8 MiB); -m 1 never boots.
"""
import subprocess

import lib


def run():
    img = lib.image(lib.kvm_make("httpreply", "netmem", lib.app_defconfig("httpreply")),
                    "httpreply", "kvm")
    client = lib.src("support", "tests", "http-host.py")

    def serves(mem):
        port = lib.free_port()
        argv = lib.qemu_argv(img, mem, ["-netdev",
                                        "user,id=n0,hostfwd=tcp:127.0.0.1:%d-:80" % port,
                                        "-device", "virtio-net-pci,netdev=n0",
                                        "-append", "-- count=200"])
        q = lib.spawn(argv, 90, stdout=subprocess.PIPE)
        ok = False
        try:
            line = q.stdout.readline()
            while line and "httpreply: listening" not in line:
                line = q.stdout.readline()
            if line:
                ok = subprocess.run(lib.cmd(["python3", client, "held", "127.0.0.1",
                                             str(port), "100", "1", "8"], 60),
                                    stdout=subprocess.DEVNULL).returncode == 0
                ok = ok and "200 requests on 100 connections" in q.stdout.read()
        finally:
            lib.stop(q)
        return ok and q.returncode == 1

    lo, hi = 1, 16
    if not serves(hi):
        print("netmem: httpreply on kvm does not serve 100 connections with -m %d" % hi)
        return
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if serves(mid):
            hi = mid
        else:
            lo = mid
    print("netmem: smallest -m with which httpreply on kvm (TCG, user networking) holds 100"
          " connections open at once and answers each: %d MiB (goal <= 8 MiB; -m %d fails)"
          % (hi, lo))
