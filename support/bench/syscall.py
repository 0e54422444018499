# SPDX-License-Identifier: BSD-3-Clause
"""Cycles of a no-op system call (getppid) through each path.

apps/syscalltest bench (rdtsc): the direct entry, the static switch, the
number dispatch, the C library's getppid() and the `syscall`
instruction, with nolibc and with musl, on linuxu (median of 3
processes) and kvm (TCG, median of 3 boots).

Baseline: a plain function call timed the same way in the same image;
on linuxu the `syscall` instruction is the host kernel's getppid.

Hardening: the nolibc images also without the stack protector (linuxu,
kvm), without the static PIE (linuxu) and with the random base (kvm),
in the same run; the function call and each path, from the image without
the option to the image with it. On kvm also under -icount shift=0,
where the guest's TSC advances with executed instructions: TSC ticks per
call proportional to guest instructions, independent of the host's load.
"""
import re
import statistics
import subprocess

import lib


def figures(text):
    """{path: cycles} from syscalltest's "bench NAME N cycles" lines."""
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^bench (\S+) +([0-9.]+) cycles", text, re.M)}


def linuxu(img):
    return [figures(subprocess.run([img, "bench"], check=True, capture_output=True,
                                   text=True, timeout=60).stdout)
            for _ in range(3)]


def kvm(img, icount=False):
    runs = []
    extra = ("-icount", "shift=0") if icount else ()
    for _ in range(1 if icount else 3):
        out, code = lib.qemu_run(lib.qemu_argv(img, extra=extra + ("-append", "bench")),
                                 timeout=120)
        if code != 1:
            lib.fail("syscalltest bench on kvm exited with %d: %s" % (code, out))
        runs.append(figures(out))
    return runs


WHAT = {"direct": "direct uk_syscall_r_getppid",
        "static": "uk_syscall_static_r (constant number)",
        "dispatch": "uk_syscall6_r (number dispatch)",
        "libc": "the libc's getppid()",
        "host": "host kernel getppid (syscall instruction)",
        "trap": "syscall instruction into uk_syscall6_r"}


def run():
    appconf = lib.app_defconfig("syscalltest")
    img = lib.image(lib.make("syscalltest", "syscall-linuxu", "-j2"), "syscalltest", "linuxu")
    kimg = lib.image(lib.kvm_make("syscalltest", "syscall-kvm", appconf), "syscalltest", "kvm")
    runs = {}
    mbuild = lib.config_make("syscalltest", "syscall-musl",
                             appconf + "CONFIG_LIBC_MUSL=y\nCONFIG_PLAT_KVM=y\n")
    for plat, libc, rs, paths in (
            ("linuxu", "nolibc", linuxu(img), ("direct", "static", "dispatch", "libc", "host")),
            ("kvm (TCG)", "nolibc", kvm(kimg), ("direct", "static", "dispatch", "libc", "trap")),
            ("linuxu", "musl", linuxu(lib.image(mbuild, "syscalltest", "linuxu")),
             ("direct", "libc", "host")),
            ("kvm (TCG)", "musl", kvm(lib.image(mbuild, "syscalltest", "kvm")),
             ("direct", "libc", "trap"))):
        fn = statistics.median(r["function"] for r in rs)
        print("syscall: %s, %s: function call %.2f cycles" % (plat, libc, fn))
        for p in paths:
            c = statistics.median(r[p] for r in rs)
            print("syscall: %s, %s: %s %.2f cycles, %.2fx a function call%s"
                  % (plat, libc, WHAT[p], c, c / fn, " (goal <= 2x)" if p == "direct" else ""))
        if libc == "nolibc":
            runs[plat] = rs
    hardening(appconf, runs, kimg)


def hardening(appconf, runs, kimg):
    """The default nolibc images against builds without each option."""
    nossp = "# CONFIG_STACKPROTECTOR is not set\n"
    kvm_nossp = lib.image(lib.kvm_make("syscalltest", "syscall-kvm-nossp", appconf + nossp),
                          "syscalltest", "kvm")
    kvm_rb = lib.image(lib.kvm_make("syscalltest", "syscall-kvm-rb",
                                    appconf + "CONFIG_KVM_RANDOM_BASE=y\n"),
                       "syscalltest", "kvm")
    ins = {k: kvm(img, icount=True)[0] for k, img in
           (("default", kimg), ("nossp", kvm_nossp), ("rb", kvm_rb))}
    for what, without, with_ in (("the stack protector", "nossp", "default"),
                                 ("the random base (KVM_RANDOM_BASE)", "default", "rb")):
        print("syscall: hardening: kvm (TCG, -icount shift=0), nolibc, %s: TSC ticks"
              " (instructions) per call without -> with: %s" % (what, "; ".join(
                  "%s %.2f -> %.2f" % (p, ins[without][p], ins[with_][p])
                  for p in ("function", "direct", "dispatch", "libc", "trap"))))
    for plat, what, rs in (
            ("linuxu", "without the stack protector",
             linuxu(lib.image(lib.config_make("syscalltest", "syscall-nossp", appconf + nossp),
                              "syscalltest", "linuxu"))),
            ("linuxu", "without the static PIE",
             linuxu(lib.image(lib.config_make("syscalltest", "syscall-nopie",
                                              appconf + "# CONFIG_LINUXU_PIE is not set\n"),
                              "syscalltest", "linuxu"))),
            ("kvm (TCG)", "without the stack protector", kvm(kvm_nossp)),
            ("kvm (TCG)", "with the random base (KVM_RANDOM_BASE)", kvm(kvm_rb))):
        base = runs[plat]
        if "random base" in what:
            # The option is off by default: the cost is option minus default.
            rs, base = base, rs
        parts = []
        for p in ("function", "direct", "dispatch", "libc"):
            c = statistics.median(r[p] for r in rs)
            d = statistics.median(r[p] for r in base)
            parts.append("%s %.2f -> %.2f cycles (%+.1f%%)" % (p, c, d, 100.0 * (d - c) / c))
        print("syscall: hardening: %s, nolibc, %s: without -> with: %s"
              % (plat, what.replace("without ", "").replace("with ", ""), "; ".join(parts)))
