# SPDX-License-Identifier: BSD-3-Clause
"""memcpy, memmove and memset: lib/ukmemops against glibc, musl and newlib.

support/bench/mem-host.c (ns per call: backward and forward memmove of
8,000 bytes, memcpy and memset of 16 B to 1 MiB, aligned and not) built
with the host's gcc -O2 five times, the same source and flags, each linked
with other routines: lib/ukmemops's as the images use them (AVX where the
CPU has it) and with CONFIG_LIBUKMEMOPS_AVX off (SSE2 only); glibc's (the
baseline); musl 1.2.3's x86_64 assembly and newlib 3.3.0's x86_64
assembly and C memmove, from the sources the images fetch (what the
images used before ukmemops). 5 interleaved rounds, medians; each figure
in a round is the best of 5 batches. Goal: backward memmove of 8,000 bytes
within 1.5x glibc.
"""
import os
import re
import statistics
import subprocess

import lib

ROUNDS = 5


def fetched(name):
    """Unpack lib/NAME's fetch-y tarball (from the download cache, else
    Debian's archive) under TMP: the tree's folder."""
    with open(lib.src("lib", name, "Makefile.uk")) as f:
        words = re.search(r"^fetch-y \+= (.*)$", f.read(), re.M).group(1).split()
    dest = lib.tmp("src-" + name)
    subprocess.run([lib.src("support", "scripts", "fetch-source"), lib.src("lib", name),
                    dest] + words, check=True)
    return dest


def build(name, *extra):
    out = lib.tmp("mem-" + name)
    subprocess.run(["gcc", "-O2", "-Wl,-z,noexecstack", "-o", out,
                    lib.src("support", "bench", "mem-host.c"), *extra], check=True)
    return out


def run():
    ours = [lib.src("lib", "ukmemops", "arch", "x86_64", f) for f in ("memcpy.S", "memset.S")]
    inc = "-I" + lib.src("lib", "ukmemops", "include")
    progs = {
        "glibc": build("glibc"),
        "ours": build("ours", inc, "-D__ASSEMBLY__", "-DCONFIG_LIBUKMEMOPS_AVX=1", *ours),
        "ours-sse2": build("ours-sse2", inc, "-D__ASSEMBLY__", "-DCONFIG_LIBUKMEMOPS_AVX=0", *ours),
    }
    musl = fetched("musl") + "/src/string/x86_64/"
    progs["musl"] = build("musl", *(musl + f + ".s" for f in ("memcpy", "memmove", "memset")))
    nl = fetched("newlib") + "/newlib/libc/"
    mm = lib.tmp("newlib-memmove.o")
    # newlib's C memmove with newlib's headers, as in the images.
    gcc_inc = subprocess.run(["gcc", "-print-file-name=include"], check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run(["gcc", "-O2", "-c", "-o", mm, "-ffreestanding", "-fno-builtin", "-nostdinc",
                    "-isystem", gcc_inc, "-I" + nl + "include", "-I" + nl + "string",
                    nl + "string/memmove.c"], check=True)
    progs["newlib"] = build("newlib", nl + "machine/x86_64/memcpy.S",
                            nl + "machine/x86_64/memset.S", mm)

    figs = {k: {} for k in progs}
    order = list(progs)
    for r in range(ROUNDS):
        for k in order[r % len(order):] + order[:r % len(order)]:
            out = subprocess.run([progs[k]], check=True, capture_output=True, text=True,
                                 timeout=300).stdout
            for line in out.splitlines():
                f = line.split()
                figs[k].setdefault(" ".join(f[1:4]), []).append(float(f[4]))
    med = {k: {c: statistics.median(v) for c, v in figs[k].items()} for k in figs}
    print("mem: ns per call, median of %d interleaved rounds (best of 5 batches each);"
          " ratios: ours / other (< 1: ours is faster)" % ROUNDS)
    print("mem: %-30s %9s %9s %6s %9s %9s %6s %9s %6s" % (
        "case", "glibc", "ours", "/glibc", "ours-sse2", "musl", "/musl", "newlib", "/newl"))
    for c in med["glibc"]:
        g, o, s, m, n = (med[k][c] for k in ("glibc", "ours", "ours-sse2", "musl", "newlib"))
        print("mem: %-30s %9.1f %9.1f %6.2f %9.1f %9.1f %6.2f %9.1f %6.2f" % (
            c, g, o, o / g, s, m, o / m, n, o / n))
    c = "memmove 8000 dst=src+8"
    print("mem: backward memmove of 8,000 bytes (dst = src + 8): ours %.1f ns, glibc %.1f ns,"
          " ratio %.2f (goal <= 1.5); SSE2 only %.2f; musl's was %.1f ns (%.0fx ours)" % (
              med["ours"][c], med["glibc"][c], med["ours"][c] / med["glibc"][c],
              med["ours-sse2"][c] / med["glibc"][c], med["musl"][c],
              med["musl"][c] / med["ours"][c]))
