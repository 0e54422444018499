# SPDX-License-Identifier: BSD-3-Clause
"""tessera run: run the built image with its devices, in the foreground
or detached."""
import argparse
import os
import re
import shutil
import subprocess
import time

import tlib

HELP = "run the built image (devices, initrd, host folder; --detach)"

NET_RE = re.compile(r"^(user|tap(:[A-Za-z0-9_.-]{1,15})?)$")


def parser(prog="tessera run"):
    p = tlib.ArgParser(
        prog=prog,
        usage=f"{prog} [options] [-- ARGS...]",
        description="Run the image built in the current folder and return "
        "its exit status. ARGS (after --) go to the application.")
    p.add_argument("-p", "--plat", choices=("linuxu", "kvm"), metavar="PLAT",
                   help="linuxu or kvm (default: the one built; linuxu when "
                   "both are)")
    p.add_argument("--net", metavar="user|tap[:IF]",
                   help="a network device: QEMU's user network (kvm) or the "
                   "host tap interface IF (default tap0)")
    p.add_argument("--port", action="append", default=[],
                   metavar="HOST:GUEST",
                   help="with --net user: forward TCP port HOST on "
                   "127.0.0.1 to the guest's GUEST (repeatable)")
    p.add_argument("--mem", type=int, metavar="MIB",
                   help="memory in MiB (kvm: guest RAM; linuxu: the heap)")
    p.add_argument("--share", metavar="DIR[:/MOUNT]",
                   help="a host folder over virtio-9p (kvm), mounted on "
                   "/MOUNT (default /share; '/' makes it the root)")
    p.add_argument("--initrd", metavar="DIR|FILE.cpio",
                   help="a folder packed into a cpio initrd (or an archive) "
                   "as the root file system")
    p.add_argument("--param", action="append", default=[],
                   metavar="LIB.PARAM=VALUE",
                   help="a library parameter (repeatable)")
    p.add_argument("--timeout", type=int, default=0, metavar="S",
                   help="kvm: stop the guest after S seconds (default: "
                   "none)")
    p.add_argument("-d", "--detach", action="store_true",
                   help="run in the background; its console goes to a log "
                   "('tessera ps', 'logs', 'stop')")
    p.add_argument("--name", help="the detached instance's name (default "
                   "APP-N)")
    return p


def split_args(args):
    """Options before the first --, the application's words after it."""
    if "--" in args:
        i = args.index("--")
        return args[:i], args[i + 1:]
    return args, []


def need(vals, sym, what, hint):
    if vals.get(f"CONFIG_{sym}") != "y":
        tlib.fail(f"{what} needs CONFIG_{sym}, which this image lacks",
                  hint)


def no_blank(path, what):
    # support/scripts/run-kvm splits QEMU_ARGS at blanks
    if re.search(r"\s", path):
        tlib.fail(f"{what} {path}: the path contains a blank, which the "
                  "QEMU command line cannot take here",
                  "use a path without blanks (a symlink will do)")


def pick_image(proj, plat):
    vals = tlib.read_config(os.path.join(proj.build_dir, "config/auto.conf"))
    if plat:
        img = proj.image(plat)
        if not os.path.exists(img):
            tlib.fail(f"no {plat} image in {proj.build_dir}",
                      f"build it: tessera build -p {plat}")
        return plat, img, vals
    for p in ("linuxu", "kvm"):
        if vals.get(f"CONFIG_PLAT_{p.upper()}") == "y" and \
                os.path.exists(proj.image(p)):
            return p, proj.image(p), vals
    if os.path.exists(proj.image("xen")):
        tlib.fail("only a xen image is built; tessera runs linuxu and kvm",
                  "xen guests run under support/scripts/xen-run "
                  "(doc/platforms.md)")
    tlib.fail(f"nothing built in {proj.build_dir}",
              "run 'tessera build' first")


def command(proj, a, app_args, workdir):
    """(platform, command, environment) that runs the image."""
    plat, img, vals = pick_image(proj, a.plat)
    params = list(a.param)
    qemu = []
    env = dict(os.environ)
    for x in params:
        if not re.match(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+=", x):
            tlib.usage_fail(f"--param {x}: expected LIBRARY.PARAMETER=VALUE",
                            "e.g. --param vfs.rootfs=ramfs")
    if a.mem is not None:
        if a.mem < 1:
            tlib.usage_fail(f"--mem {a.mem}: give MiB, at least 1")
        if plat == "linuxu":
            params.append(f"linuxu.heap_mb={a.mem}")
        else:
            env["MEM"] = str(a.mem)
    if a.initrd:
        need(vals, "LIBVFSCORE", "--initrd", "tessera build --set "
             "LIBVFSCORE=y LIBRAMFS=y")
        need(vals, "LIBRAMFS", "--initrd", "tessera build --set LIBRAMFS=y")
        src = os.path.abspath(a.initrd)
        if os.path.isdir(src):
            cpio = os.path.join(workdir, "initrd.cpio")
            r = subprocess.run([os.path.join(proj.root,
                                             "support/scripts/mkinitrd"),
                                src, cpio], stderr=subprocess.PIPE,
                               text=True)
            if r.returncode != 0:
                tlib.fail(f"--initrd {a.initrd}: packing the folder failed: "
                          f"{r.stderr.strip()}")
        elif os.path.isfile(src):
            cpio = src
        else:
            tlib.fail(f"--initrd {a.initrd}: no such folder or file",
                      "give a folder to pack, or a cpio archive")
        params.append("vfs.rootfs=initrd")
        if plat == "linuxu":
            params.append(f"linuxu.initrd={cpio}")
        else:
            no_blank(cpio, "--initrd")
            qemu += ["-initrd", cpio]
    if a.share:
        if plat != "kvm":
            tlib.fail("--share needs kvm (a virtio-9p device); a linuxu "
                      "image has no host folders",
                      "tessera build -p kvm --set PLAT_VIRTIO_9P=y "
                      "LIB9PFS=y, then tessera run -p kvm --share DIR")
        need(vals, "PLAT_VIRTIO_9P", "--share",
             "tessera build --set PLAT_VIRTIO_9P=y LIB9PFS=y")
        need(vals, "LIB9PFS", "--share", "tessera build --set LIB9PFS=y")
        d, _, mnt = a.share.partition(":")
        mnt = mnt or "/share"
        d = os.path.abspath(d)
        if not os.path.isdir(d):
            tlib.fail(f"--share {a.share}: {d} is not a folder")
        if not mnt.startswith("/") or "," in mnt or ":" in mnt:
            tlib.usage_fail(f"--share {a.share}: the mount point must be an "
                            "absolute path without ',' or ':'")
        no_blank(d, "--share")
        qemu += ["-fsdev", f"local,id=tshare,path={d},security_model=none",
                 "-device", "virtio-9p-pci,fsdev=tshare,mount_tag=tshare"]
        if mnt == "/":
            if a.initrd:
                tlib.usage_fail("--share DIR:/ and --initrd both want to be "
                                "the root file system", "mount the share "
                                "elsewhere: --share DIR:/mnt")
            params += ["vfs.rootfs=9pfs", "9pfs.tag=tshare"]
        else:
            params.append(f"vfs.fstab={mnt}:9pfs:rw:tshare")
    if a.port and a.net != "user":
        tlib.usage_fail("--port forwards ports of --net user",
                        "add --net user (kvm)")
    if a.net:
        if not NET_RE.match(a.net):
            tlib.usage_fail(f"--net {a.net}: expected user, tap or tap:IFNAME")
        if a.net == "user":
            if plat != "kvm":
                tlib.fail("--net user is QEMU's user network: kvm only",
                          "on linuxu use a tap interface: --net tap:IFNAME "
                          "(doc/networking.md)")
            need(vals, "PLAT_VIRTIO_NET", "--net",
                 "tessera build --set PLAT_VIRTIO_NET=y")
            fwd = ""
            for pp in a.port:
                m = re.fullmatch(r"([0-9]{1,5}):([0-9]{1,5})", pp)
                if not m:
                    tlib.usage_fail(f"--port {pp}: expected HOST:GUEST "
                                    "port numbers", "e.g. --port 8080:80")
                fwd += f",hostfwd=tcp:127.0.0.1:{m[1]}-:{m[2]}"
            qemu += ["-netdev", f"user,id=tnet{fwd}",
                     "-device", "virtio-net-pci,netdev=tnet"]
        else:
            ifname = a.net.partition(":")[2] or "tap0"
            if not os.path.exists(f"/sys/class/net/{ifname}"):
                tlib.fail(f"--net {a.net}: there is no interface {ifname}",
                          f"create it (as root): ip tuntap add dev {ifname} "
                          f"mode tap && ip link set {ifname} up "
                          "(doc/networking.md)")
            if plat == "linuxu":
                need(vals, "LINUXU_TAP", "--net tap",
                     "tessera build --set LINUXU_TAP=y")
                params.append(f"tap.name={ifname}")
            else:
                need(vals, "PLAT_VIRTIO_NET", "--net",
                     "tessera build --set PLAT_VIRTIO_NET=y")
                qemu += ["-netdev", f"tap,id=tnet,ifname={ifname},script=no,"
                         "downscript=no",
                         "-device", "virtio-net-pci,netdev=tnet"]
    if plat == "kvm":
        if a.timeout < 0:
            tlib.usage_fail("--timeout must be 0 (none) or more seconds")
        env["TIMEOUT"] = str(a.timeout)
        env["QEMU_ARGS"] = " ".join(qemu + [env.get("QEMU_ARGS", "")]).strip()
    words = params + ["--"] + app_args if (params or app_args) else []
    return plat, img, [os.path.join(proj.root, "support/scripts/run"),
                       img] + words, env


def free_name(base):
    for n in range(1, 1000):
        if not tlib.Instance(f"{base}-{n}").exists():
            return f"{base}-{n}"
    tlib.fail("too many instances", "stop some: tessera ps, tessera stop")


def detach(proj, a, app_args):
    name = a.name or free_name(proj.name)
    tlib.check_name(name, "instance")
    inst = tlib.Instance(name)
    if inst.exists():
        tlib.fail(f"an instance called {name} exists ({inst.state()})",
                  f"stop it (tessera stop {name}) or choose --name")
    os.makedirs(inst.dir)
    try:
        plat, img, cmd, env = command(proj, a, app_args, inst.dir)
    except tlib.Error:
        shutil.rmtree(inst.dir, ignore_errors=True)
        raise
    # The wrapper records the exit status when the image ends by itself;
    # its own process group lets 'tessera stop' signal QEMU or the image
    # with the script around it.
    wrap = ["bash", "-c", 'st=0; "$@" || st=$?; echo "$st" >"$0"',
            inst.status_path] + cmd
    with open(inst.log, "w") as log:
        proc = subprocess.Popen(wrap, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, env=env,
                                start_new_session=True, cwd=proj.dir)
    inst.info = {"name": name, "pid": proc.pid, "pgid": proc.pid,
                 "start": tlib.proc_start(proc.pid), "started": time.time(),
                 "platform": plat, "image": img, "app": proj.dir,
                 "command": cmd}
    inst.save()
    print(f"{name} started (pid {proc.pid}, {plat}); its console: "
          f"tessera logs {name}")
    return 0


def main(args):
    return tlib.guard(run, args)


def run(args):
    opts, app_args = split_args(args)
    p = parser()
    p.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = p.parse_args(opts)
    app_args = a.args + app_args
    proj = tlib.Project(".")
    if a.detach:
        return detach(proj, a, app_args)
    if a.name:
        tlib.usage_fail("--name names a detached instance", "add --detach")
    plat, img, cmd, env = command(proj, a, app_args, proj.build_dir)
    return subprocess.call(cmd, env=env)

