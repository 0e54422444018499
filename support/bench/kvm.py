# SPDX-License-Identifier: BSD-3-Clause
"""kvm helloworld under QEMU (TCG): size, build, boot, memory.

Stripped size, clean build for kvm, guest instructions from entry to
main (bootstats under -icount shift=0), wall time of a whole
`qemu-system-x86_64 -kernel` run (median of 10), smallest -m that boots,
memory used.

Baseline: for the wall time, a minimal kernel that powers off at once
(support/bench/minimal-kvm.S) under the same QEMU command line, runs
interleaved. No figure of another system is printed: none can be
measured here (doc/benchmarks.md).
"""
import os
import re
import statistics
import subprocess
import time

import lib


def qemu_wall_ms(argvs, runs):
    """Median wall time (ms) of each QEMU command line, runs interleaved so
    that a busy host slows all of them alike."""
    walls = [[] for _ in argvs]
    for _ in range(runs):
        for argv, w in zip(argvs, walls):
            t0 = time.perf_counter()
            out, code = lib.qemu_run(argv)
            w.append((time.perf_counter() - t0) * 1000)
            if code != 1:
                lib.fail("%s exited with %d: %s" % (" ".join(argv), code, out))
    return [statistics.median(w) for w in walls]


def minimal_kernel():
    """Assemble the baseline kernel of support/bench/minimal-kvm.S."""
    obj, elf = lib.tmp("minimal.o"), lib.tmp("minimal-kvm")
    subprocess.run(["as", "--32", "-o", obj, lib.src("support", "bench", "minimal-kvm.S")],
                   check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-Ttext", "0x100000", "-e", "_start",
                    "-o", elf, obj], check=True)
    return elf


def run():
    if not lib.have_qemu():
        print("kvm: skipped, qemu-system-x86_64 is not installed")
        return
    t0 = time.perf_counter()
    build = lib.kvm_make("helloworld", "kvm")
    build_s = time.perf_counter() - t0
    img = lib.image(build, "helloworld", "kvm")
    size = os.path.getsize(img)
    print("kvm: helloworld_kvm-x86_64 (stripped, default config): %d bytes (%.1f KiB;"
          " goal <= 48 KiB)" % (size, size / 1024))
    print("kvm: clean build for kvm at -j2, configuration included: %.2f s (goal <= 5 s)"
          % build_s)

    stats = lib.image(lib.kvm_make("helloworld", "kvmstats", "CONFIG_LIBUKBOOT_BOOTSTATS=y\n"),
                      "helloworld", "kvm")
    out, _ = lib.qemu_run(lib.qemu_argv(stats, 64, ["-icount", "shift=0"]))
    m = re.search(r"bootstats: platform entry to main: (\d+) ns", out)
    insns = int(m.group(1)) if m else -1
    print("kvm: guest instructions from first instruction to main (-icount shift=0, -m 64):"
          " %d (goal < 40000)" % insns)
    m = re.search(r"bootstats: memory: image (\d+) KiB, heap used (\d+) KiB", out)
    if m:
        print("kvm: memory used: image %s KiB (with bss: boot stack, page tables, IST"
              " stacks) + heap %s KiB = %d KiB (goal <= 512 KiB)"
              % (m.group(1), m.group(2), int(m.group(1)) + int(m.group(2))))

    base = minimal_kernel()
    argvs = [lib.qemu_argv(img), lib.qemu_argv(base)]
    qemu_wall_ms(argvs, 2)     # warm the page cache
    hw_ms, base_ms = qemu_wall_ms(argvs, 10)
    print("kvm: whole qemu -kernel run (pc, TCG, median of 10): helloworld %.1f ms,"
          " minimal kernel that powers off at once %.1f ms: ratio %.3f (goal <= 1.10)"
          % (hw_ms, base_ms, hw_ms / base_ms))

    smallest = None
    for mem in (1, 2, 3, 4, 6, 8, 16):
        out, code = lib.qemu_run(lib.qemu_argv(img, mem), 10)
        if code == 1 and "Hello world!" in out:
            smallest = mem
            break
    print("kvm: smallest -m that boots helloworld on pc: %s MiB (tried 1, 2, 3, 4, 6, 8, 16;"
          " -m 1 does not boot)" % smallest)
