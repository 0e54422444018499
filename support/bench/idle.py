# SPDX-License-Identifier: BSD-3-Clause
"""QEMU's host CPU time while a kvm guest sleeps for 1 s.

plattest on kvm (TCG) sleeping 1 s, median of 3: the guest must halt
until its timer fires, not spin.

Baseline: the same image and QEMU command line booting and exiting at
once (median of 3); the difference is the sleeping second's cost.
"""
import resource
import statistics

import lib


def qemu_cpu_s(argv):
    """Host CPU time (user + system, s) QEMU used for one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out, code = lib.qemu_run(argv)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 1:
        lib.fail("%s exited with %d: %s" % (" ".join(argv), code, out))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run():
    if not lib.have_qemu():
        print("idle: skipped, qemu-system-x86_64 is not installed")
        return
    img = lib.image(lib.kvm_make("plattest", "idle"), "plattest", "kvm")
    sleep = lib.qemu_argv(img, 16, ["-append", "sleep 1000"])
    quick = lib.qemu_argv(img, 16, ["-append", "exit 0"])
    sleeps = [qemu_cpu_s(sleep) for _ in range(3)]
    quicks = [qemu_cpu_s(quick) for _ in range(3)]
    idle = statistics.median(sleeps) - statistics.median(quicks)
    print("idle: QEMU host CPU for a 1 s guest sleep (TCG, median of 3): %.3f s; boot and"
          " exit at once: %.3f s; the sleeping second itself cost %.3f s of CPU (%.1f%%)"
          % (statistics.median(sleeps), statistics.median(quicks), idle, idle * 100))
