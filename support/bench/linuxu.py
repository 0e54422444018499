# SPDX-License-Identifier: BSD-3-Clause
"""Wall time and peak RSS of a linuxu helloworld run.

Median of 500 runs (posix_spawn, stdout to /dev/null, empty environment)
after 20 to warm the page cache; peak RSS read at exit through ptrace
(support/bench/peakrss.c).

Baseline: the host's /bin/true, run the same way in the same run (a
dynamically linked distribution binary, so for scale).
"""
import os
import statistics
import subprocess
import time

import lib


def wall_ms(argv, runs):
    """Median wall time (ms) of `runs` runs, stdout to /dev/null."""
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, {},
                             file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
        _, status, _ = os.wait4(pid, 0)
        walls.append((time.perf_counter() - t0) * 1000)
        if os.waitstatus_to_exitcode(status) != 0:
            lib.fail("%s exited with %d" % (argv[0], os.waitstatus_to_exitcode(status)))
    return statistics.median(walls)


def peak_rss_kib(argv):
    """Peak RSS of one run, read at its exit (support/bench/peakrss.c)."""
    tool = lib.tmp("peakrss")
    if not os.path.exists(tool):
        lib.host_cc("peakrss", "support/bench/peakrss.c")
    out = subprocess.run([tool, *argv], check=True, capture_output=True, text=True)
    return int(out.stdout)


def run():
    img = lib.image(lib.make("helloworld", "run", "-j2"), "helloworld", "linuxu")
    runs = 500
    wall_ms([img], 20)  # warm the page cache
    wall_ms(["/bin/true"], 20)
    hw_ms = wall_ms([img], runs)
    true_ms = wall_ms(["/bin/true"], runs)
    hw_rss, true_rss = peak_rss_kib([img]), peak_rss_kib(["/bin/true"])
    print("linuxu: helloworld run: median %.3f ms, peak RSS %d KiB (%d runs)"
          % (hw_ms, hw_rss, runs))
    print("linuxu: /bin/true run:  median %.3f ms, peak RSS %d KiB" % (true_ms, true_rss))
    print("linuxu: difference %+.3f ms (goal within 1 ms), ratio %.2f; RSS %d KiB"
          " (goal <= 256 KiB), ratio %.2f" % (hw_ms - true_ms, hw_ms / true_ms, hw_rss,
                                              hw_rss / true_rss))
