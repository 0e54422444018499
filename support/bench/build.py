# SPDX-License-Identifier: BSD-3-Clause
"""Clean build time at -j2 (configuration included); no-op make.

Three clean builds of helloworld, each in a fresh folder and without the
object cache (UK_CACHE=0), then five no-op makes in the first; then the
same clean build with a warm object cache (a private one, filled by one
build first).

Baseline: the host's gcc building a hosted hello world from one file
(-Os), the least any build of a program costs on this machine.
"""
import statistics
import subprocess
import time

import lib


def run():
    runs = []
    for i in range(3):
        t0 = time.perf_counter()
        lib.make("helloworld", "build%d" % i, "-j2", "UK_CACHE=0")
        runs.append(time.perf_counter() - t0)
    noop = []
    for _ in range(5):
        t0 = time.perf_counter()
        lib.make("helloworld", "build0", "-j2")
        noop.append(time.perf_counter() - t0)
    cache = "UK_CACHE_DIR=" + lib.tmp("objcache")
    lib.make("helloworld", "fill", "-j2", cache)
    warm = []
    for i in range(3):
        t0 = time.perf_counter()
        lib.make("helloworld", "warm%d" % i, "-j2", cache)
        warm.append(time.perf_counter() - t0)
    src = lib.src("apps", "helloworld", "main.c")
    base = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(["gcc", "-Os", "-o", lib.tmp("hosthello"), src], check=True)
        base.append(time.perf_counter() - t0)
    clean, b = statistics.median(runs), statistics.median(base)
    print("build: clean helloworld build at -j2, configuration included: "
          "median %.2f s over 3 (goal <= 5 s)" % clean)
    print("build: the same with a warm object cache: median %.2f s over 3"
          % statistics.median(warm))
    print("build: no-op make: median %.3f s over 5 (goal <= 0.3 s)" % statistics.median(noop))
    print("build: baseline, host gcc building hello world from one file: %.2f s;"
          " ratio %.1fx" % (b, clean / b))
