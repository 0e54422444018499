# SPDX-License-Identifier: BSD-3-Clause
"""Set-up time of each default allocator over -m 1G and 16G.

ukboot's setup_allocator() for TLSF, binary buddy and region in a kvm
helloworld with bootstats, under -icount shift=0, so the "ns" printed
are guest instructions.

Baseline: the allocators against each other in the same run.
"""
import re

import lib


def run():
    if not lib.have_qemu():
        print("allocinit: skipped, qemu-system-x86_64 is not installed")
        return
    mems = ("1G", "16G")
    insns = {}
    for be in ("TLSF", "BBUDDY", "REGION"):
        img = lib.image(lib.kvm_make("helloworld", "allocinit-" + be.lower(),
                                     "CONFIG_LIBUKBOOT_BOOTSTATS=y\n"
                                     "CONFIG_LIBUKBOOT_ALLOC_%s=y\n" % be),
                        "helloworld", "kvm")
        for mem in mems:
            # QEMU allocates guest RAM lazily: 16G costs the host little.
            out, code = lib.qemu_run(lib.qemu_argv(img, mem, ["-icount", "shift=0"]), 60)
            m = re.search(r"bootstats: default allocator set up in (\d+) ns", out)
            if code != 1 or not m:
                lib.fail("allocinit %s -m %s: exit %d: %s" % (be, mem, code, out))
            insns[be, mem] = int(m.group(1))
    for be in ("TLSF", "BBUDDY", "REGION"):
        a, b = (insns[be, m] for m in mems)
        print("allocinit: %-6s default allocator setup (kvm, -icount shift=0): -m 1G %d"
              " instructions (%.2f us; goal < 50 us), -m 16G %d (%.2f us); 16G/1G %.2f"
              % (be.lower(), a, a / 1000, b, b / 1000, b / a))
    print("allocinit: tlsf vs bbuddy at 1G: %.2fx fewer instructions"
          % (insns["BBUDDY", "1G"] / insns["TLSF", "1G"]))
