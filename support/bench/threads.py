# SPDX-License-Identifier: BSD-3-Clause
"""Thread switch, create+join and uncontended mutex on linuxu.

apps/threadbench (ukschedcoop, uklock, -O2): yield ping-pong per
switch, create+join, lock+unlock; medians of 3 runs.

Baseline: support/bench/threads-host.c, the same operations with host
pthreads (futex mutex+condvar ping-pong), built with the host's gcc -O2,
medians of 3 runs.
"""
import statistics
import subprocess

import lib


def run():
    img = lib.image(lib.make("threadbench", "threads", "-j2"), "threadbench", "linuxu")
    host = lib.host_cc("threads-host", "support/bench/threads-host.c", "-pthread")
    runs = [lib.parse_figures(subprocess.run([img], check=True, capture_output=True,
                                             text=True).stdout) for _ in range(3)]
    base = [lib.parse_figures(subprocess.run([host], check=True, capture_output=True,
                                             text=True).stdout) for _ in range(3)]
    labels = {"switch": ("thread switch (yield ping-pong, per switch)",
                         "host pthreads, mutex+condvar ping-pong", 20),
              "create_join": ("thread create+join", "host pthread_create+join", 10),
              "mutex": ("uncontended mutex lock+unlock", "host pthread_mutex", None)}
    for k, (what, bwhat, goal) in labels.items():
        t = statistics.median(r[k] for r in runs)
        b = statistics.median(r[k] for r in base)
        print("threads: %s: %.1f ns; %s: %.1f ns; %.1fx cheaper%s"
              % (what, t, bwhat, b, b / t, " (goal >= %dx)" % goal if goal else ""))
