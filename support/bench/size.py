# SPDX-License-Identifier: BSD-3-Clause
"""Stripped image size of the default linuxu helloworld.

Baseline: the host's /bin/true, for scale only (a dynamically linked
distribution binary, so not like for like).
"""
import os

import lib


def run():
    img = lib.image(lib.make("helloworld", "size", "-j2"), "helloworld", "linuxu")
    size = os.path.getsize(img)
    true_size = os.path.getsize("/bin/true")
    print("size: helloworld_linuxu-x86_64 (stripped, default config): %d bytes"
          " (%.1f KiB; goal <= 32 KiB)" % (size, size / 1024))
    print("size: /bin/true on this host (dynamic, for scale): %d bytes; ratio %.2f"
          % (true_size, size / true_size))
