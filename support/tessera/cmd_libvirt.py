# SPDX-License-Identifier: BSD-3-Clause
"""tessera libvirt: a libvirt domain for a kvm image."""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape, quoteattr

HELP = "write (and define or start) a libvirt domain for a kvm image"

USAGE = """\
tessera libvirt IMAGE [--name N] [--mem MIB] [--net user|none]
                [--forward [HOSTPORT:]PORT]... [--share DIR[:TAG]] [--initrd FILE] [--console file|pty]
                [--log FILE] [--accel auto|kvm|tcg] [--exit-device]
                [-o FILE] [--define | --start] [--connect URI]
                [-- ARGS...]

Writes a libvirt domain (XML) that boots the kvm image IMAGE directly
(<os><kernel>, no disk): ARGS become its command line (library
parameters, then -- and the application's arguments, as for
support/scripts/run). The serial console goes to a file (--log, by
default NAME.console.log in the current folder) or, with --console pty,
to 'virsh console NAME'. --net user gives a virtio-net device on QEMU's
user network (DHCP); --forward (repeatable, implies --net user) makes
127.0.0.1:HOSTPORT on the host reach TCP PORT in the image (libvirt's
own user interface has no forwarding without passt, so the device is
then given to QEMU through <qemu:commandline>, in PCI slot 0x1e). --share a host folder over virtio-9p (mount tag
TAG, fs0 by default: vfs.rootfs=9pfs), --initrd an initrd. The domain
type is kvm when /dev/kvm can be opened, else qemu (TCG); --accel
chooses. The image powers the VM off when main returns (ACPI);
--exit-device adds QEMU's isa-debug-exit so QEMU's exit status carries
main's (libvirt then reports the end as a crash).

-o FILE writes the XML there (default: standard output); --define
defines the domain with virsh, --start defines and starts it. --connect
gives virsh's URI (default: virsh's own, e.g. qemu:///system as root)."""

MULTIBOOT = b"\x02\xb0\xad\x1b"      # 0x1BADB002, little-endian


class Error(Exception):
    pass


def check_image(path):
    if not os.path.isfile(path):
        raise Error(f"{path}: no such image; build one with CONFIG_PLAT_KVM=y "
                    "(build/APP_kvm-x86_64)")
    with open(path, "rb") as f:
        head = f.read(32768)
    if head[:4] != b"\x7fELF" or MULTIBOOT not in head[:8192 + 4]:
        raise Error(f"{path}: not a kvm image (no multiboot header); build "
                    "with CONFIG_PLAT_KVM=y and give build/APP_kvm-x86_64 "
                    "(a linuxu image runs directly)")


def quote_word(w):
    # The image's command line parser takes shell-like quotes.
    if re.fullmatch(r"[A-Za-z0-9_./=:,+@%-]+", w):
        return w
    return "'" + w.replace("'", "'\\''") + "'"


def accel_type(accel):
    if accel == "auto":
        return "kvm" if os.access("/dev/kvm", os.R_OK | os.W_OK) else "qemu"
    return "kvm" if accel == "kvm" else "qemu"


def domain_xml(a, image, log):
    dtype = accel_type(a.accel)
    qargs = []
    if a.exit_device:
        qargs += ["-device", "isa-debug-exit,iobase=0x501,iosize=2"]
    if a.forward:
        fwd = ",".join(f"hostfwd=tcp:127.0.0.1:{h}-:{g}" for h, g in a.forward)
        qargs += ["-netdev", f"user,id=tnet0,{fwd}",
                  "-device", "virtio-net-pci,netdev=tnet0,bus=pci.0,addr=0x1e"]
    ns = " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'" \
        if qargs else ""
    x = [f"<domain type='{dtype}'{ns}>",
         f"  <name>{escape(a.name)}</name>",
         f"  <memory unit='MiB'>{a.mem}</memory>",
         "  <vcpu>1</vcpu>",
         "  <os>",
         "    <type arch='x86_64' machine='pc'>hvm</type>",
         f"    <kernel>{escape(image)}</kernel>"]
    if a.initrd:
        x.append(f"    <initrd>{escape(os.path.abspath(a.initrd))}</initrd>")
    cmdline = " ".join(quote_word(w) for w in a.args)
    if cmdline:
        x.append(f"    <cmdline>{escape(cmdline)}</cmdline>")
    # ACPI: the image powers off through it when main returns.
    x += ["  </os>",
          "  <features><acpi/></features>",
          "  <clock offset='utc'/>",
          "  <on_poweroff>destroy</on_poweroff>",
          "  <on_reboot>destroy</on_reboot>",
          "  <on_crash>destroy</on_crash>",
          "  <devices>"]
    emu = shutil.which("qemu-system-x86_64")
    if emu:
        x.append(f"    <emulator>{escape(emu)}</emulator>")
    if a.console == "file":
        x += ["    <serial type='file'>",
              f"      <source path={quoteattr(log)} append='off'/>",
              "      <target port='0'/>",
              "    </serial>"]
    else:
        x += ["    <serial type='pty'><target port='0'/></serial>",
              "    <console type='pty'><target type='serial' port='0'/>"
              "</console>"]
    if a.net == "user" and not a.forward:
        x += ["    <interface type='user'>",
              "      <model type='virtio'/>",
              "    </interface>"]
    if a.share:
        d, _, tag = a.share.partition(":")
        x += ["    <filesystem type='mount' accessmode='squash'>",
              f"      <source dir={quoteattr(os.path.abspath(d))}/>",
              f"      <target dir={quoteattr(tag or 'fs0')}/>",
              "    </filesystem>"]
    # A seed for ukswrand; no balloon, no graphics.
    x += ["    <rng model='virtio'>",
          "      <backend model='random'>/dev/urandom</backend>",
          "    </rng>",
          "    <memballoon model='none'/>",
          "  </devices>"]
    if qargs:
        x.append("  <qemu:commandline>")
        x += [f"    <qemu:arg value={quoteattr(q)}/>" for q in qargs]
        x.append("  </qemu:commandline>")
    x.append("</domain>")
    return "\n".join(x) + "\n"


def virsh(a, *args):
    cmd = ["virsh", "-q"] + (["-c", a.connect] if a.connect else []) + \
        list(args)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise Error(f"'{shlex.join(cmd)}' did not answer within 120 s: is "
                    "libvirtd running? (as root: libvirtd --daemon)")
    if r.returncode:
        raise Error(f"'{shlex.join(cmd)}' failed:\n{r.stderr.strip()}")
    return r.stdout


def main(argv):
    p = argparse.ArgumentParser(prog="tessera libvirt", usage=USAGE,
                                add_help=False)
    p.add_argument("image", nargs="?")
    p.add_argument("--name")
    p.add_argument("--mem", default="64")
    p.add_argument("--net", default="none")
    p.add_argument("--share")
    p.add_argument("--forward", action="append", default=[])
    p.add_argument("--initrd")
    p.add_argument("--console", default="file")
    p.add_argument("--log")
    p.add_argument("--accel", default="auto")
    p.add_argument("--exit-device", action="store_true")
    p.add_argument("-o", dest="output")
    p.add_argument("--define", action="store_true")
    p.add_argument("--start", action="store_true")
    p.add_argument("--connect")
    p.add_argument("-h", "--help", action="store_true")
    rest = []
    if "--" in argv:
        i = argv.index("--")
        argv, rest = argv[:i], argv[i + 1:]
    try:
        a = p.parse_args(argv)
    except SystemExit:
        return 2
    a.args = rest
    if a.help:
        print(USAGE)
        return 0
    try:
        if not a.image:
            raise Error("give a kvm image; 'tessera libvirt --help' explains")
        for opt, val, ok in (("--net", a.net, ("user", "none")),
                             ("--console", a.console, ("file", "pty")),
                             ("--accel", a.accel, ("auto", "kvm", "tcg"))):
            if val not in ok:
                raise Error(f"{opt} {val}: use one of {', '.join(ok)}")
        fwd = []
        for f in a.forward:
            m = re.fullmatch(r"(?:([0-9]+):)?([0-9]+)", f)
            if not m or not all(0 < int(v) < 65536 for v in m.groups()
                                if v):
                raise Error(f"--forward {f}: give [HOSTPORT:]PORT, ports "
                            "1 to 65535")
            fwd.append((m.group(1) or m.group(2), m.group(2)))
        a.forward = fwd
        if fwd and a.net == "none" and "--net" in argv:
            raise Error("--forward needs --net user")
        if fwd:
            a.net = "user"
        if not re.fullmatch(r"[1-9][0-9]*", a.mem):
            raise Error(f"--mem {a.mem}: give the memory in MiB, e.g. 64")
        if a.define and a.start:
            raise Error("--define and --start: give one (--start defines too)")
        if a.share and not os.path.isdir(a.share.partition(":")[0]):
            raise Error(f"--share {a.share}: no such folder")
        if a.initrd and not os.path.isfile(a.initrd):
            raise Error(f"--initrd {a.initrd}: no such file")
        if a.accel == "kvm" and not os.access("/dev/kvm",
                                              os.R_OK | os.W_OK):
            raise Error("--accel kvm: /dev/kvm cannot be opened here; use "
                        "--accel tcg")
        check_image(a.image)
        image = os.path.abspath(a.image)
        if not a.name:
            a.name = re.sub(r"[^A-Za-z0-9_.-]", "-",
                            os.path.basename(a.image).replace("_kvm-x86_64",
                                                              ""))
        if not re.fullmatch(r"[A-Za-z0-9_.+-]+", a.name):
            raise Error(f"--name {a.name}: use letters, digits and _.+-")
        log = os.path.abspath(a.log or f"{a.name}.console.log")
        xml = domain_xml(a, image, log)
        if a.output:
            with open(a.output, "w") as f:
                f.write(xml)
        elif not (a.define or a.start):
            sys.stdout.write(xml)
        if a.define or a.start:
            if not shutil.which("virsh"):
                raise Error("virsh is not installed; run "
                            "support/scripts/install-deps (libvirt-clients)")
            path = a.output
            if not path:
                fd, path = tempfile.mkstemp(suffix=".xml")
                with os.fdopen(fd, "w") as f:
                    f.write(xml)
            try:
                virsh(a, "define", path)
            finally:
                if not a.output:
                    os.unlink(path)
            print(f"defined domain {a.name}")
            if a.start:
                virsh(a, "start", a.name)
                where = log if a.console == "file" else \
                    f"virsh console {a.name}"
                print(f"started domain {a.name}; console: {where}")
    except Error as e:
        print(f"tessera libvirt: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"tessera libvirt: {e.filename}: {e.strerror}", file=sys.stderr)
        return 1
    return 0
