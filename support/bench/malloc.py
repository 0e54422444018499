# SPDX-License-Identifier: BSD-3-Clause
"""malloc/free throughput and memory overhead per default allocator.

apps/mallocbench (-O2) on linuxu with TLSF and with the binary buddy
allocator: 5M mixed-size operations (fixed seed), 7 interleaved rounds,
medians and per-round ratios; then 1M operations untimed, measured after
each (metadata, slack, fragmentation at the peak).

Baseline: the same main.c built with the host's gcc -O2 against glibc's
malloc, in the same rounds.

Hardening: TLSF (the default) also without the stack protector, without
the static PIE, and with the allocator's debug aids (freed-memory
poisoning and the double-free check), in the same rounds; each against
the default build. Also their instructions per operation, counted by
valgrind's callgrind (independent of the machine's load): the
difference between runs of 400,000 and 200,000 operations.
"""
import os
import re
import shutil
import statistics
import subprocess

import lib


def instructions(argv):
    """Instructions per operation under callgrind (400k minus 200k ops)."""
    counts = []
    for n in (200000, 400000):
        err = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              *argv, str(n)], check=True, capture_output=True,
                             text=True).stderr
        counts.append(int(re.search(r"Collected : (\d+)", err).group(1)))
    return (counts[1] - counts[0]) / 200000.0


def run():
    host = lib.host_cc("mallocbench-host", "apps/mallocbench/main.c")
    progs = {"glibc": [host]}
    for name, be, extra in (
            ("tlsf", "TLSF", ""), ("bbuddy", "BBUDDY", ""),
            ("tlsf-nossp", "TLSF", "# CONFIG_STACKPROTECTOR is not set\n"),
            ("tlsf-nopie", "TLSF", "# CONFIG_LINUXU_PIE is not set\n"),
            ("tlsf-debug", "TLSF", "CONFIG_LIBUKALLOC_POISON=y\nCONFIG_LIBUKALLOC_CHECKFREE=y\n")):
        tag = "malloc-" + name
        os.makedirs(lib.tmp(tag), exist_ok=True)
        with open(lib.tmp(tag, ".config"), "w") as f:
            f.write("CONFIG_OPTIMIZE_PERF=y\nCONFIG_LIBUKBOOT_ALLOC_%s=y\n%s" % (be, extra))
        lib.make("mallocbench", tag, "olddefconfig")
        progs[name] = [lib.image(lib.make("mallocbench", tag, "-j2"), "mallocbench",
                                 "linuxu")]
    rates = {k: [] for k in progs}
    for _ in range(7):
        for k, argv in progs.items():
            out = subprocess.run(argv + ["5000000"], check=True, capture_output=True,
                                 text=True).stdout
            rates[k].append(float(out.split(" ops/s")[0].rsplit(" ", 1)[1]))
    base = statistics.median(rates["glibc"])
    print("malloc: host glibc malloc: %.1f M ops/s (baseline, median of 7, range %.1f - %.1f)"
          % (base / 1e6, min(rates["glibc"]) / 1e6, max(rates["glibc"]) / 1e6))
    for k in ("tlsf", "bbuddy"):
        r = statistics.median(rates[k])
        # Ratio per round (each round runs all programs back to back).
        ratios = sorted(a / b for a, b in zip(rates[k], rates["glibc"]))
        print("malloc: %-6s on linuxu: %.1f M ops/s, ratio %.2f vs glibc (goal >= 1.0);"
              " per-round ratios %.2f - %.2f" % (k, r / 1e6, r / base, ratios[0], ratios[-1]))
    for k, what in (("tlsf-nossp", "without the stack protector"),
                    ("tlsf-nopie", "without the static PIE"),
                    ("tlsf-debug", "with poisoning and the double-free check")):
        r = statistics.median(rates[k])
        ratios = sorted(a / b for a, b in zip(rates[k], rates["tlsf"]))
        print("malloc: hardening: tlsf %s: %.1f M ops/s, %.3fx the default build"
              " (per-round %.3f - %.3f)"
              % (what, r / 1e6, r / statistics.median(rates["tlsf"]), ratios[0], ratios[-1]))
    if shutil.which("valgrind"):
        ins = {k: instructions(progs[k]) for k in ("tlsf", "tlsf-nossp", "tlsf-nopie",
                                                   "tlsf-debug")}
        for k, what in (("tlsf-nossp", "the stack protector"),
                        ("tlsf-nopie", "the static PIE")):
            print("malloc: hardening: tlsf instructions per operation without %s %.2f,"
                  " default %.2f (%+.2f%%)" % (what, ins[k], ins["tlsf"],
                                               100.0 * (ins["tlsf"] - ins[k]) / ins[k]))
        print("malloc: hardening: tlsf instructions per operation with poisoning and the"
              " double-free check %.2f, default %.2f (%.2fx)"
              % (ins["tlsf-debug"], ins["tlsf"], ins["tlsf-debug"] / ins["tlsf"]))
    else:
        print("malloc: hardening: instructions not counted: valgrind is not installed")
    # Memory: the same operations (1M), untimed, measured after each one.
    for k, argv in progs.items():
        if k.startswith("tlsf-"):
            continue
        out = subprocess.run(argv + ["mem", "1000000"], check=True, capture_output=True,
                             text=True).stdout
        f = out.split("mallocbench-mem:")[1].split()
        m = {f[i]: int(f[i + 1]) for i in range(0, len(f) - 1, 2)}
        mib = 1 << 20
        fixed = ("fixed bookkeeping %d B for a %d MiB heap (%.0f B per MiB managed)"
                 % (m["fixed"], m["heap"] // mib, m["fixed"] / (m["heap"] / mib))
                 if m["heap"] else "fixed bookkeeping outside the heap")
        print("malloc: %-6s memory at peak live (%d B requested): block metadata and slack"
              " %.0f B per MiB in use (used %d B - usable %d B); %s; used/live %.3f;"
              " footprint (span)/live %.3f" % (
                  k, m["live"], (m["used"] - m["usable"]) / (m["used"] / mib), m["used"],
                  m["usable"], fixed, m["used"] / m["live"], m["span"] / m["live"]))
