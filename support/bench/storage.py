# SPDX-License-Identifier: BSD-3-Clause
"""ramfs on linuxu: throughput and file call latency.

apps/fsbench (-O2, heap 768 MiB): sequential write, read and rewrite
(after an unlink) of a 256 MiB file in 1 MiB calls; open+close and stat
on a path of 4 components; five runs, interleaved with the baseline,
medians.

Baseline: the same main.c built with the host's gcc -O2, on the host's
tmpfs (/dev/shm, a path of the same depth).
"""
import os
import shutil
import statistics
import subprocess

import lib


def run():
    img = lib.image(lib.make("fsbench", "storage", "-j2"), "fsbench", "linuxu")
    host = lib.host_cc("fsbench-host", "apps/fsbench/main.c")
    shm = "/dev/shm"
    fs = lib.fs_type(shm)
    name = "tessera-fsbench-%d" % os.getpid()
    progs = {"image": [img, "linuxu.heap_mb=768", "--", "/a/shm/" + name, "256"],
             "host": [host, os.path.join(shm, name), "256"]}
    runs = {k: [] for k in progs}
    try:
        for _ in range(5):
            for k, argv in progs.items():
                runs[k].append(lib.parse_figures(subprocess.run(
                    argv, check=True, capture_output=True, text=True).stdout))
    finally:
        shutil.rmtree(os.path.join(shm, name), ignore_errors=True)

    def med(k, f):
        return statistics.median(r[f] for r in runs[k])
    for f, what in (("write_mibs", "sequential write"), ("read_mibs", "sequential read"),
                    ("rewrite_mibs", "write again after unlink")):
        t, b = med("image", f), med("host", f)
        print("storage: %s of 256 MiB (1 MiB calls): ramfs on linuxu %.0f MiB/s; host %s (%s) "
              "%.0f MiB/s; ratio %.2f (median of 5)" % (what, t, fs, shm, b, t / b))
    for f, what in (("open_close_ns", "open+close"), ("stat_ns", "stat")):
        t, b = med("image", f), med("host", f)
        print("storage: %s: image %.0f ns; host syscalls %.0f ns; %.1fx cheaper (goal >= 5x)"
              % (what, t, b, b / t))
