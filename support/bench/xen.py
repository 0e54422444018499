# SPDX-License-Identifier: BSD-3-Clause
"""Xen: helloworld's size; start-up times under xen-run.

helloworld_xen-x86_64's stripped size; under support/scripts/xen-run
(Debian's Xen and a Linux dom0 in QEMU, TCG, one batch) the time from
`xl create` to the first instruction, to main and to the end of three
`plattest time` guests (the guest's wall clock at main against dom0's
just before `xl create`), and to the first output and the end of three
helloworld guests; medians.

Baseline: none measured; the times and the size are reported only.
"""
import os
import re
import statistics
import subprocess

import lib

XEN_CONFIG = "CONFIG_PLAT_XEN=y\n# CONFIG_PLAT_KVM is not set\n# CONFIG_PLAT_LINUXU is not set\n"


def run():
    if not lib.have_qemu() or not os.path.exists("/usr/include/xen/xen.h"):
        print("xen: skipped, needs qemu-system-x86_64 and libxen-dev"
              " (support/scripts/install-deps)")
        return
    hw = lib.image(lib.config_make("helloworld", "xen-hw", XEN_CONFIG), "helloworld", "xen")
    pt = lib.image(lib.config_make("plattest", "xen-pt", lib.app_defconfig("plattest") +
                                   XEN_CONFIG), "plattest", "xen")
    size = os.path.getsize(hw)
    print("xen: helloworld_xen-x86_64 (stripped, default config): %d bytes (%.1f KiB;"
          " goal <= 64 KiB)" % (size, size / 1024))

    runs = 3
    out = lib.tmp("xen-run")
    guests = []
    for i in range(runs):
        guests += ["hw%d=%s" % (i, hw), "time%d=%s:time" % (i, pt)]
    env = dict(os.environ, XEN_TIMEOUT="400", XEN_GUEST_TIMEOUT="60")
    try:
        p = subprocess.run([lib.src("support", "scripts", "xen-run"), out, *guests],
                           env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=460)
    except subprocess.TimeoutExpired:
        lib.fail("xen-run did not finish within 460 s")
    if p.returncode != 0:
        lib.fail("xen-run exited with %d: %s" % (p.returncode, p.stderr))

    def end(name):
        with open(os.path.join(out, name + ".end")) as f:
            e = f.read().split()
        if len(e) < 4 or e[0] != "shutdown":
            lib.fail("xen guest %s ended %s" % (name, " ".join(e)))
        return float(e[1]), float(e[2]), float(e[3])

    fig = {k: [] for k in ("hw_end", "hw_out", "entry", "boot", "main", "end")}
    for i in range(runs):
        t_end, t_out, _ = end("hw%d" % i)
        fig["hw_end"].append(t_end)
        fig["hw_out"].append(t_out)
        t_end, _, created = end("time%d" % i)
        with open(os.path.join(out, "time%d.log" % i)) as f:
            log = f.read()
        m = re.search(r"^wall (\d+)\.(\d+) s\nmonotonic (\d+) ns\n.*^boot (\d+) ns$", log,
                      re.M | re.S)
        if not m:
            lib.fail("plattest time on xen printed: %s" % log)
        wall = int(m.group(1)) + int(m.group(2)) / 1e9
        boot = (int(m.group(3)) - int(m.group(4))) / 1e9
        fig["main"].append(wall - created)
        fig["boot"].append(boot)
        fig["entry"].append(wall - boot - created)
        fig["end"].append(t_end)
    med = {k: statistics.median(v) for k, v in fig.items()}
    print("xen: under support/scripts/xen-run (Xen 4.17, Linux dom0, QEMU TCG), medians of"
          " %d guests each (report only):" % runs)
    print("xen: plattest time, guest clock at main vs dom0's clock at xl create: xl create"
          " to the guest's first instruction %.3f s (domain build), first instruction to"
          " main %.4f s, xl create to main %.3f s; to its end (seen by xl list) %.2f s"
          % (med["entry"], med["boot"], med["main"], med["end"]))
    print("xen: helloworld: xl create to first console output (polled) %.2f s, to its end"
          " %.2f s" % (med["hw_out"], med["hw_end"]))
    if min(fig["entry"]) < 0:
        print("xen: note: a guest started before dom0's clock said xl create began (%s s):"
              " the two wall clocks disagree" % ", ".join("%.3f" % e for e in fig["entry"]))
