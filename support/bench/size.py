# SPDX-License-Identifier: BSD-3-Clause
"""Stripped image size of the default linuxu helloworld, and what the
hardening options cost in it.

Baseline: the host's /bin/true, for scale only (a dynamically linked
distribution binary, so not like for like). Hardening: the same
helloworld without the stack protector, without the static PIE, without
both (linuxu), and on kvm with and without the stack protector and with
the random base (KVM_RANDOM_BASE), all built in the same run.
"""
import os

import lib

NO_SSP = "# CONFIG_STACKPROTECTOR is not set\n"
NO_PIE = "# CONFIG_LINUXU_PIE is not set\n"


def hardening():
    sizes = {}
    for tag, conf, plat in (
            ("size-nossp", NO_SSP, "linuxu"),
            ("size-nopie", NO_PIE, "linuxu"),
            ("size-none", NO_SSP + NO_PIE, "linuxu"),
            ("size-kvm", lib.KVM_CONFIG, "kvm"),
            ("size-kvm-nossp", lib.KVM_CONFIG + NO_SSP, "kvm"),
            ("size-kvm-rb", lib.KVM_CONFIG + "CONFIG_KVM_RANDOM_BASE=y\n", "kvm")):
        build = lib.config_make("helloworld", tag, conf)
        sizes[tag] = os.path.getsize(lib.image(build, "helloworld", plat))
    return sizes


def run():
    img = lib.image(lib.make("helloworld", "size", "-j2"), "helloworld", "linuxu")
    size = os.path.getsize(img)
    true_size = os.path.getsize("/bin/true")
    print("size: helloworld_linuxu-x86_64 (stripped, default config): %d bytes"
          " (%.1f KiB; goal <= 32 KiB)" % (size, size / 1024))
    print("size: /bin/true on this host (dynamic, for scale): %d bytes; ratio %.2f"
          % (true_size, size / true_size))
    s = hardening()
    for what, without in (("stack protector", "size-nossp"),
                          ("static PIE", "size-nopie"),
                          ("stack protector and static PIE", "size-none")):
        print("size: hardening: linuxu helloworld without the %s: %d bytes;"
              " the default costs %+d bytes (%+.1f%%)"
              % (what, s[without], size - s[without],
                 100.0 * (size - s[without]) / s[without]))
    print("size: hardening: kvm helloworld %d bytes, without the stack protector %d bytes;"
          " it costs %+d bytes (%+.1f%%)"
          % (s["size-kvm"], s["size-kvm-nossp"], s["size-kvm"] - s["size-kvm-nossp"],
             100.0 * (s["size-kvm"] - s["size-kvm-nossp"]) / s["size-kvm-nossp"]))
    print("size: hardening: kvm helloworld with the random base (KVM_RANDOM_BASE): %d bytes;"
          " it costs %+d bytes (%+.1f%%)"
          % (s["size-kvm-rb"], s["size-kvm-rb"] - s["size-kvm"],
             100.0 * (s["size-kvm-rb"] - s["size-kvm"]) / s["size-kvm"]))
