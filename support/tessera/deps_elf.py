# SPDX-License-Identifier: BSD-3-Clause
"""A small reader of ELF64 little-endian files and ar archives for
tessera deps: the symbols a file imports and defines, the shared
libraries it needs, and whether it is linked statically."""
import os
import struct


class NotElf(Exception):
    pass


def _cstr(blob, off):
    end = blob.find(b"\0", off)
    return blob[off:end if end >= 0 else len(blob)].decode("latin-1")


class Elf:
    """One ELF64 file: kind ('exec', 'dyn', 'rel'), interp, needed,
    runpath, undefined and defined global symbols."""

    def __init__(self, data, name):
        self.name = name
        if data[:4] != b"\x7fELF":
            raise NotElf(f"{name}: not an ELF file")
        if data[4] != 2 or data[5] != 1:
            raise NotElf(f"{name}: only 64-bit little-endian ELF files "
                         "(x86_64) are supported")
        (etype, machine, _v, _entry, phoff, shoff, _flags, _ehsize,
         phentsize, phnum, shentsize, shnum, _shstrndx) = struct.unpack_from(
             "<HHIQQQIHHHHHH", data, 16)
        if machine != 62:
            raise NotElf(f"{name}: machine {machine} is not x86_64 (62)")
        self.kind = {1: "rel", 2: "exec", 3: "dyn"}.get(etype, "other")
        self.interp = None
        self.needed = []
        self.runpath = []
        self.undefined = set()
        self.defined = set()
        dynamic = None
        for i in range(phnum):
            ptype, _f, off, _va, _pa, filesz = struct.unpack_from(
                "<IIQQQQ", data, phoff + i * phentsize)
            if ptype == 3:                       # PT_INTERP
                self.interp = _cstr(data, off)
            elif ptype == 2:                     # PT_DYNAMIC
                dynamic = (off, filesz)
        sections = []
        for i in range(shnum):
            (_n, stype, _f, _a, off, size, link, _i, _al,
             entsize) = struct.unpack_from("<IIQQQQIIQQ", data,
                                           shoff + i * shentsize)
            sections.append((stype, off, size, link, entsize))
        # Symbols: .dynsym for executables and shared objects (what the
        # dynamic linker resolves), .symtab for object files.
        want = 2 if self.kind == "rel" else 11
        for stype, off, size, link, entsize in sections:
            if stype != want or not entsize:
                continue
            stroff = sections[link][1]
            for o in range(off, off + size, entsize):
                sname, info, _other, shndx, _val, _sz = struct.unpack_from(
                    "<IBBHQQ", data, o)
                bind = info >> 4
                if bind not in (1, 2) or not sname:   # GLOBAL, WEAK
                    continue
                s = _cstr(data, stroff + sname)
                if shndx == 0:
                    self.undefined.add(s)
                else:
                    self.defined.add(s)
        if dynamic:
            strtab = None
            entries = []
            off, size = dynamic
            for o in range(off, off + size, 16):
                tag, val = struct.unpack_from("<qQ", data, o)
                if tag == 0:
                    break
                entries.append((tag, val))
                if tag == 5:                      # DT_STRTAB (an address)
                    strtab = self._offset(data, phoff, phentsize, phnum, val)
            if strtab is not None:
                for tag, val in entries:
                    if tag == 1:                  # DT_NEEDED
                        self.needed.append(_cstr(data, strtab + val))
                    elif tag in (15, 29):         # DT_RPATH, DT_RUNPATH
                        self.runpath += _cstr(data, strtab + val).split(":")
        # No interpreter and nothing needed: everything is linked in
        # (also a static-pie, which is ET_DYN).
        self.static = self.kind in ("exec", "dyn") and not self.interp \
            and not self.needed

    @staticmethod
    def _offset(data, phoff, phentsize, phnum, addr):
        for i in range(phnum):
            ptype, _f, off, va, _pa, filesz = struct.unpack_from(
                "<IIQQQQ", data, phoff + i * phentsize)
            if ptype == 1 and va <= addr < va + filesz:   # PT_LOAD
                return addr - va + off
        return None


def read_archive(data, name):
    """The ELF members of an ar archive (.a), as Elf objects."""
    members = []
    pos = 8
    longnames = b""
    while pos + 60 <= len(data):
        hdr = data[pos:pos + 60]
        mname = hdr[:16].decode("latin-1").strip()
        size = int(hdr[48:58].decode("latin-1").strip() or 0)
        body = data[pos + 60:pos + 60 + size]
        if mname == "//":
            longnames = body
        elif mname.startswith("/") and mname[1:].isdigit():
            mname = _cstr(longnames.replace(b"/\n", b"\0"), int(mname[1:]))
        if mname not in ("/", "//", "/SYM64/") and body[:4] == b"\x7fELF":
            members.append(Elf(body, f"{name}({mname.rstrip('/')})"))
        pos += 60 + size + (size & 1)
    return members


def load(path):
    """Elf objects for PATH: one for an ELF file, each member of an
    archive. Raises NotElf for anything else."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] == b"!<arch>\n":
        return read_archive(data, path)
    return [Elf(data, path)]


LIBDIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64",
           "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib"]


def find_library(soname, runpath, origin):
    for d in runpath + LIBDIRS:
        d = d.replace("$ORIGIN", origin)
        p = os.path.join(d, soname)
        if os.path.isfile(p):
            return p
    return None
