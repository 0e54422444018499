# SPDX-License-Identifier: BSD-3-Clause
"""What the Tessera tree offers, read from its sources: the system
calls each library implements, the Linux call numbers, the functions
nolibc provides and each library's KConfig symbol."""
import glob
import os
import re

ROOT = os.path.realpath(os.path.join(os.path.dirname(
    os.path.realpath(__file__)), "..", ".."))
UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"

# The pattern lib/syscall_shim/gen-syscalls finds definitions by
# (doc/syscall-shim.md): at the start of a line, name as second argument.
DEFINE = re.compile(r"^UK_(?:LL)?SYSCALL_R_DEFINE\(\s*[^,]+,\s*(\w+)", re.M)


def implemented(root=ROOT):
    """call name -> set of libraries (lib/<name>) that define it, from
    the UK_SYSCALL_R_DEFINE lines of the tree's C sources (tests left
    out), as the build's generated table would list them.

    Read from the sources rather than from a build, so the answer does
    not depend on a configuration; a support/scripts/syscalls printing
    the table could replace this function."""
    calls = {}
    for path in glob.glob(os.path.join(root, "lib", "**", "*.c"),
                          recursive=True):
        rel = os.path.relpath(path, root).split(os.sep)
        if "tests" in rel:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for name in DEFINE.findall(text):
            calls.setdefault(name, set()).add(rel[1])
    return calls


def numbers(path=UNISTD):
    """Linux x86_64 call name -> number (empty without linux-libc-dev)."""
    nr = {}
    try:
        with open(path) as f:
            for line in f:
                m = re.match(r"#define __NR_(\w+)\s+(\d+)", line)
                if m:
                    nr[m.group(1)] = int(m.group(2))
    except OSError:
        pass
    return nr


# Declarations in headers: an identifier followed by "(" after a type.
DECL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
# Variables: "extern FILE *const stdout;".
VAR = re.compile(r"^\s*extern\b[^(;]*?\b([A-Za-z_]\w*)\s*(?:\[[^]]*\])?\s*;")


def nolibc_names(root=ROOT):
    """Functions an image with nolibc can call: those nolibc's headers
    and the libc headers of the libraries declare (their
    libc/include folders, posix-pthread's), and the libc names the shim
    gives system calls with nolibc (doc/syscall-shim.md)."""
    names = set()
    dirs = [os.path.join(root, "lib", "nolibc", "include")]
    dirs += glob.glob(os.path.join(root, "lib", "*", "libc", "include"))
    dirs += [os.path.join(root, "lib", "posix-pthread", "include")]
    for d in dirs:
        for path in glob.glob(os.path.join(d, "**", "*.h"), recursive=True):
            with open(path, encoding="utf-8", errors="replace") as f:
                text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
            for line in text.splitlines():
                if line.lstrip().startswith("#"):
                    continue
                names.update(DECL.findall(line))
                names.update(VAR.findall(line))
    names.update(implemented(root))
    return names


def kconfig_symbol(lib, root=ROOT):
    """The KConfig symbol of lib/<lib> (its Config.uk's first config)."""
    try:
        with open(os.path.join(root, "lib", lib, "Config.uk")) as f:
            m = re.search(r"^(?:menu)?config\s+(\w+)", f.read(), re.M)
            if m:
                return m.group(1)
    except OSError:
        pass
    return "LIB" + lib.upper().replace("-", "_")
