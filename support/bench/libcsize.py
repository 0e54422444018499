# SPDX-License-Identifier: BSD-3-Clause
"""Image sizes of helloworld, lua and sqlite per C library.

Stripped linuxu and kvm images, helloworld without a defconfig, lua and
sqlite with theirs, with nolibc, musl and newlib in place of the C
library the defconfig chooses; "n/a" with the first error when one does
not build.

Baseline: nolibc's helloworld, built in the same run, for the other C
libraries' helloworld.
"""
import os

import lib

LIBCS = ("nolibc", "musl", "newlib")


def run():
    mib = 1 << 20
    sizes = {}
    for app in ("helloworld", "lua", "sqlite"):
        for libc in LIBCS:
            build, why = lib.libc_build(app, libc)
            if not build:
                print("libcsize: %-10s %-6s n/a (%s)" % (app, libc, why))
                continue
            for plat in ("linuxu", "kvm"):
                sizes[app, libc, plat] = os.path.getsize(lib.image(build, app, plat))
            print("libcsize: %-10s %-6s linuxu %9d bytes (%.3f MiB), kvm %9d bytes (%.3f MiB)"
                  % (app, libc, sizes[app, libc, "linuxu"], sizes[app, libc, "linuxu"] / mib,
                     sizes[app, libc, "kvm"], sizes[app, libc, "kvm"] / mib))
    for plat in ("linuxu", "kvm"):
        if ("sqlite", "musl", plat) in sizes:
            sz = sizes["sqlite", "musl", plat]
            print("libcsize: sqlite on musl, %s: %.3f MiB (goal < 1.2 MiB)"
                  % (plat, sz / mib))
        for libc in LIBCS[1:]:
            if ("helloworld", "nolibc", plat) in sizes and ("helloworld", libc, plat) in sizes:
                print("libcsize: helloworld, %s: %s adds %d bytes to nolibc's image"
                      % (plat, libc, sizes["helloworld", libc, plat]
                         - sizes["helloworld", "nolibc", plat]))
