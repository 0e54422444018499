# SPDX-License-Identifier: BSD-3-Clause
"""tessera deps: what a Linux program needs of Tessera."""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import deps_elf
import deps_map
import deps_tree

HELP = "say which libraries and C library a program needs, and what is missing"

USAGE = """\
tessera deps PROGRAM... [-o CONFIG] [--cflags FLAGS] [--no-follow]
             [--list calls|missing|libs|libc|imports]

PROGRAM is a Linux x86_64 ELF program (dynamic: the C library functions
it imports, and those of the shared libraries it needs other than
glibc's; static: the system calls objdump finds, a partial answer), or
C sources (.c, compiled with the host's gcc -c and CFLAGS), object
files (.o) or archives (.a): their undefined symbols. Several make one
program.

Prints the C library the program needs (nolibc when it has everything,
else musl), the libraries (lib/*) that implement its system calls and
features, and the calls no library of Tessera implements. -o writes a
starting configuration (a defconfig fragment: make defconfig
DEFCONFIG=CONFIG). --list prints one kind of answer, one a line
(imports: the undefined symbols of the programs given, not of the
libraries they need)."""

GLIBC = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
         "librt.so.1", "libresolv.so.2", "libutil.so.1", "ld-linux-x86-64.so.2",
         "libanl.so.1", "libnsl.so.1", "libmvec.so.1"}
LIBCS = {"musl", "newlib", "nolibc"}
SOURCES = (".c", ".cc", ".cpp", ".cxx", ".C")


class Error(Exception):
    pass


def glibc_exports():
    """Every function glibc's libc and libm export: an import counts as a
    C library function when it is one of these."""
    names = set()
    for so in ("libc.so.6", "libm.so.6"):
        p = deps_elf.find_library(so, [], "")
        if p:
            for e in deps_elf.load(p):
                names |= e.defined
    return names


def compile_source(src, cflags, tmp):
    cc = "g++" if src.endswith(SOURCES[1:]) else "gcc"
    if not shutil.which(cc):
        raise Error(f"{src}: {cc} is not installed; run "
                    "support/scripts/install-deps")
    obj = os.path.join(tmp, f"{len(os.listdir(tmp))}.o")
    r = subprocess.run([cc, "-c", "-O2", "-w", "-fno-builtin-printf",
                        *cflags, "-o", obj, src], capture_output=True,
                       text=True)
    if r.returncode:
        raise Error(f"{src}: the host's {cc} cannot compile it (give include "
                    f"folders and defines with --cflags):\n{r.stderr.strip()}")
    return obj


def objdump_calls(path, nrnames):
    """Static program: the numbers loaded into eax just before each
    syscall instruction (a partial answer: calls through syscall() or a
    register are not seen)."""
    if not shutil.which("objdump"):
        raise Error(f"{path}: statically linked, and objdump (binutils) is "
                    "not installed to look for its system calls")
    r = subprocess.run(["objdump", "-d", "--no-show-raw-insn", path],
                       capture_output=True, text=True)
    found, unknown, recent = set(), 0, []
    for line in r.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            recent = []
            continue
        ins = parts[-1].strip()
        if ins == "syscall":
            nr = None
            for prev in reversed(recent):
                m = re.match(r"mov\s+\$0x([0-9a-f]+),%[er]ax$", prev)
                if m:
                    nr = int(m.group(1), 16)
                    break
                if re.search(r"%[er]?ax\b|^(j|call|ret)", prev):
                    break
            if nr is None or nr not in nrnames:
                unknown += 1
            else:
                found.add(nrnames[nr])
        recent = (recent + [ins])[-8:]
    return found, unknown


def gather(inputs, cflags, follow, tmp):
    """(objects read, {symbol: set of objects importing it}, static calls,
    unknown syscall sites, is-static, binary blobs to look into)."""
    objs, imports, static_calls, unknown, blobs = [], {}, set(), 0, []
    defined, given = set(), set()
    static = False
    queue = []
    for p in inputs:
        if not os.path.exists(p):
            raise Error(f"{p}: no such file; give a program, C sources, "
                        "object files or archives")
        if os.path.isdir(p):
            raise Error(f"{p}: is a folder; give its C sources "
                        f"({p}/*.c) or the program")
        path = compile_source(p, cflags, tmp) if p.endswith(SOURCES) else p
        try:
            elves = deps_elf.load(path)
        except deps_elf.NotElf as e:
            raise Error(f"{e}; give a Linux x86_64 program, C sources (.c), "
                        "object files (.o) or archives (.a)")
        except (OSError, ValueError, IndexError, struct.error) as e:
            raise Error(f"{p}: cannot be read as ELF: {e}")
        with open(path, "rb") as f:
            blobs.append(f.read())
        for e in elves:
            queue.append((e, os.path.basename(p)))
        given.add(os.path.basename(p))
    seen = set()
    nrnames = {v: k for k, v in deps_tree.numbers().items()}
    while queue:
        e, label = queue.pop(0)
        objs.append((label, e))
        defined |= e.defined
        for s in e.undefined:
            imports.setdefault(s, set()).add(label)
        if e.static:
            static = True
            calls, unk = objdump_calls(e.name, nrnames)
            static_calls |= calls
            unknown += unk
        if not follow:
            continue
        for so in e.needed:
            if so in GLIBC or so in seen:
                continue
            seen.add(so)
            lib = deps_elf.find_library(so, e.runpath,
                                        os.path.dirname(e.name))
            try:
                if lib:
                    queue.append((deps_elf.load(lib)[0], so))
            except (OSError, ValueError, IndexError, struct.error,
                    deps_elf.NotElf):
                pass    # a linker script or a broken file: not read
    # Object files: what one defines, another does not import.
    if all(e.kind == "rel" for _, e in objs):
        for s in list(imports):
            if s in defined:
                del imports[s]
    return objs, imports, static_calls, unknown, static, blobs, given


def analyse(args):
    tmp = tempfile.mkdtemp(prefix="tessera-deps.")
    try:
        objs, imports, static_calls, unknown, static, blobs, given = gather(
            args.programs, args.cflags.split(), not args.no_follow, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    fmap = deps_map.parse_calls()
    feats = deps_map.features()
    glibc = glibc_exports()
    # C library functions: what glibc exports (all, without a glibc to
    # compare with), in their portable names.
    funcs = {}
    for s, who in imports.items():
        if glibc and s not in glibc:
            continue
        n = deps_map.normalize(s, fmap)
        funcs.setdefault(n, set()).update(who)
    calls = {}
    for f, who in funcs.items():
        for c in fmap.get(f, ()):
            calls.setdefault(c, {}).setdefault(f, set()).update(who)
    for c in static_calls:
        calls.setdefault(c, {}).setdefault("(syscall instruction)",
                                           set()).update(given)
    impl = deps_tree.implemented()
    nolibc = deps_tree.nolibc_names()
    # The C library: nolibc when it declares every function (glibc's
    # internal names, "__...", have no counterpart once compiled
    # against another C library), else musl.
    lacking = sorted(f for f in funcs if not f.startswith("_")
                     and f not in nolibc and not (f.endswith("64")
                                                  and f[:-2] in nolibc))
    libc = "musl" if lacking or static else "nolibc"
    used = {k for k, v in feats.items() if v & set(funcs)}
    if static_calls & {"socket", "accept", "accept4", "connect", "bind"}:
        used.add("sockets")
    if "clone" in static_calls:
        used.add("threads")
    # clone is no shim call: musl's pthread_create runs on lib/musl's
    # uksched threads, nolibc's is lib/posix-pthread's.
    provided = {"clone": {"musl"} if libc == "musl" else {"posix-pthread"}}
    missing, libs, needed = {}, set(), {}
    for c, by in sorted(calls.items()):
        have = impl.get(c, set()) | provided.get(c, set())
        if not have:
            missing[c] = by
            continue
        needed[c] = by
        own = have & {libc}
        others = have - LIBCS - ({"posix-pthread"} if libc == "musl"
                                 else set())
        if not own:
            libs |= others if len(others) == 1 else set(sorted(others)[:1])
    if "sockets" in used or "inet" in used:
        libs.add("posix-socket")
        if ("inet" in used or {"socket", "accept", "accept4", "connect",
                               "bind", "listen"} & set(calls)):
            libs.add("lwip")
    if "threads" in used:
        libs.add("ukschedcoop")
        if libc != "musl":
            libs.add("posix-pthread")
    text = b"".join(blobs)
    if b"/proc/" in text:
        libs.add("procfs")
    if b"/dev/urandom" in text or b"/dev/random" in text or \
            b"/dev/null" in text:
        libs.add("devfs")
    if "syslog" in used:
        libs.add("posix-sysinfo")
    if libs & {"procfs", "devfs", "lwip", "posix-socket", "posix-eventfd",
               "posix-timerfd"}:
        libs.add("vfscore")
    if "vfscore" in libs:
        libs |= {"ramfs", "devfs"}
    # Every library that defines a call selects the shim itself.
    libs -= {libc, "syscall_shim"}
    notes = []
    if static:
        notes.append("statically linked: only the system calls objdump "
                     "finds next to a syscall instruction are known "
                     f"({unknown} sites with a number not found); "
                     "C library functions are not known")
    if "dlopen" in used:
        notes.append("dynamic loading (dlopen): an image is linked "
                     "statically; musl's dlopen fails there")
    if "syscall" in used:
        notes.append("calls syscall() directly: which numbers is not known")
    if "threads" in used and libc == "musl":
        notes.append("threads: musl's pthreads on uksched (a scheduler is "
                     "selected)")
    if "lwip" in libs:
        notes.append("sockets: lwip for AF_INET/AF_INET6 (the family is not "
                     "known from the calls); posix-socket alone has AF_UNIX")
    return dict(objs=objs, given=given, imports=imports, funcs=funcs, calls=calls, missing=missing,
                needed=needed, libs=libs, libc=libc, lacking=lacking,
                notes=notes, static=static, fmap=fmap, impl=impl,
                provided=provided)


def config_lines(r):
    out = ["# tessera deps: a starting configuration for "
           + ", ".join(sorted({l for l, _ in r["objs"]})),
           "CONFIG_PLAT_LINUXU=y", "CONFIG_PLAT_KVM=y"]
    out.append("CONFIG_LIBC_MUSL=y" if r["libc"] == "musl" else
               "CONFIG_LIBC_NOLIBC=y")
    for lib in sorted(r["libs"]):
        out.append(f"CONFIG_{deps_tree.kconfig_symbol(lib)}=y")
    if "vfscore" in r["libs"]:
        out.append('CONFIG_LIBVFSCORE_ROOTFS="initrd"')
    if "lwip" in r["libs"]:
        out += ["CONFIG_PLAT_VIRTIO_NET=y", "CONFIG_LINUXU_TAP=y"]
    return out


def who(by):
    """'fork daemon (nginx)' from {function: {object}}."""
    parts = []
    for f, objs in sorted(by.items()):
        parts.append(f + (f" ({', '.join(sorted(objs))})" if objs else ""))
    return ", ".join(parts)


def report(r, out):
    objs = r["objs"]
    main = sorted(r["given"])
    kinds = sorted({"static" if e.static else "dynamic" if e.interp
                    else "objects" if e.kind == "rel" else "dynamic"
                    for _, e in objs})
    libs_read = sorted({l for l, e in objs} - set(main))
    print(f"program: {', '.join(main)} "
          f"({'/'.join(kinds)})", file=out)
    if libs_read:
        print(f"  and the libraries it needs: {', '.join(libs_read)}",
              file=out)
    withcalls = [f for f in r["funcs"] if f in r["fmap"]]
    if not r["static"]:
        print(f"C library functions: {len(r['funcs'])} "
              f"({len(withcalls)} make system calls)", file=out)
    lack = r["lacking"]
    if r["libc"] == "nolibc":
        print("C library: nolibc (it declares every function used)",
              file=out)
    else:
        why = (f"nolibc lacks {len(lack)}: {' '.join(lack[:12])}"
               + (" ..." if len(lack) > 12 else "")) if lack else \
            "a static program's functions are not known"
        print(f"C library: musl ({why})", file=out)
    n = len(r["calls"])
    print(f"system calls: {n} needed, {len(r['needed'])} implemented, "
          f"{len(r['missing'])} missing", file=out)
    for c, by in sorted(r["needed"].items()):
        have = sorted(r["impl"].get(c, set()) | r["provided"].get(c, set()))
        print(f"  ok       {c:22} {'/'.join(have):14} {who(by)}", file=out)
    for c, by in sorted(r["missing"].items()):
        lib = "" if any(set(main) & o for o in by.values()) else \
            "  [only from libraries]"
        print(f"  missing  {c:22} {'-':14} {who(by)}{lib}", file=out)
    print(f"libraries: {' '.join(sorted(r['libs'])) or '(none)'}", file=out)
    for n in r["notes"]:
        print(f"note: {n}", file=out)


def main(argv):
    p = argparse.ArgumentParser(prog="tessera deps", usage=USAGE,
                                add_help=False)
    p.add_argument("programs", nargs="*")
    p.add_argument("-o", dest="output")
    p.add_argument("--cflags", default="")
    p.add_argument("--no-follow", action="store_true")
    p.add_argument("--list", choices=("calls", "missing", "libs", "libc",
                                      "imports"))
    p.add_argument("-h", "--help", action="store_true")
    try:
        args = p.parse_args(argv)
    except SystemExit:
        return 2
    if args.help:
        print(USAGE)
        return 0
    if not args.programs:
        print("tessera deps: give a program, C sources or object files; "
              "'tessera deps --help' explains", file=sys.stderr)
        return 2
    try:
        r = analyse(args)
    except Error as e:
        print(f"tessera deps: {e}", file=sys.stderr)
        return 1
    if args.list:
        items = {"calls": r["calls"], "missing": r["missing"],
                 "imports": {s for s, o in r["imports"].items()
                             if o & r["given"]},
                 "libs": r["libs"], "libc": [r["libc"]]}[args.list]
        for i in sorted(items):
            print(i)
    else:
        report(r, sys.stdout)
    if args.output:
        try:
            with open(args.output, "w") as f:
                f.write("\n".join(config_lines(r)) + "\n")
        except OSError as e:
            print(f"tessera deps: cannot write {args.output}: "
                  f"{e.strerror}", file=sys.stderr)
            return 1
        if not args.list:
            print(f"wrote {args.output}: make defconfig "
                  f"DEFCONFIG={args.output}")
    return 0
