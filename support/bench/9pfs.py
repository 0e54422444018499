# SPDX-License-Identifier: BSD-3-Clause
"""Sequential read throughput through 9pfs on kvm (TCG).

A 64 MiB file of a host folder shared over virtio-9p, read with 1 MiB
calls (apps/fs9ptest bench, msize 128 KiB), timed in the guest; median
of 3 boots.

Reference (not like for like): the host reading the same file from its
page cache in 1 MiB reads, in the same run.
"""
import os
import re
import statistics
import time

import lib


def run():
    build = lib.kvm_make("fs9ptest", "9pfs", "CONFIG_PLAT_VIRTIO_9P=y\nCONFIG_LIB9PFS=y\n"
                         "CONFIG_LIBVFSCORE_ROOTFS=\"9pfs\"\nCONFIG_LIBUKTIME=y\n")
    img = lib.image(build, "fs9ptest", "kvm")
    share = lib.tmp("9pfs-share")
    os.makedirs(share, exist_ok=True)
    big = os.path.join(share, "big")
    with open(big, "wb") as f:
        for _ in range(64):
            f.write(os.urandom(1 << 20))
    t0 = time.perf_counter()
    with open(big, "rb") as f:
        while f.read(1 << 20):
            pass
    host = 64 / (time.perf_counter() - t0)
    argv = lib.qemu_argv(img, 32, ["-fsdev", "local,id=f0,path=%s,security_model=none" % share,
                                   "-device", "virtio-9p-pci,fsdev=f0,mount_tag=fs0",
                                   "-append", "-- bench /big"])
    rates = []
    for _ in range(3):
        out, code = lib.qemu_run(argv, 120)
        m = re.search(r"9pfs-read: (\d+) bytes in [\d.]+ s: ([\d.]+) MiB/s", out)
        if code != 1 or not m or m.group(1) != str(64 << 20):
            lib.fail("9pfs bench run exited with %d: %s" % (code, out))
        rates.append(float(m.group(2)))
    print("9pfs: host read of the same file (page cache): %.0f MiB/s (reference)" % host)
    print("9pfs: sequential read on kvm (TCG, virtio-9p, msize %d KiB): %.1f MiB/s"
          " (median of 3)" % (131072 // 1024, statistics.median(rates)))
