# SPDX-License-Identifier: BSD-3-Clause
"""wrk against nginx 1.22.1 (apps/nginx) on linuxu and kvm; image sizes.

The image's root (apps/nginx/mkroot: its nginx.conf, index.html of 615
bytes, plus a 1 MiB file) comes in the initrd. linuxu over a tap in a
network namespace of its own (root only); wrk -t1 -c50, 5 s runs, the
small and the 1 MiB file, medians of 3 interleaved rounds. kvm (TCG,
virtio-net on a tap netdev in the same namespace) is reported without a
baseline (a TCG guest has no like-for-like host counterpart).

Baseline: the same nginx source (the tarball the image's build unpacked)
configured with the same apps/nginx/configure-options by the same
apps/nginx/prepare, built with musl-gcc (Debian's musl-tools: musl 1.2.3,
the C library of the image, so configure finds the same features; the
run checks that it does) with
the code-generation flags the image's .config gives (support/build/
flags.mk: -O2, frame pointers, -march ...), linked statically as the image
is. It runs chrooted in a copy of the image's root (the same nginx.conf,
the same files), in a second namespace behind a veth pair (MTU 1500,
offloads on) whose other end is in wrk's namespace, next to the image's
tap (MTU 1500, tap.offload=1). The host's kernel does its TCP and file
reads; the image's are lwip and vfscore/ramfs.
"""
import os
import re
import shutil
import subprocess

import lib

# Bound (s) of a server: longer than all the rounds against it.
SERVER_BOUND = 900
# The size the issue aims at for an nginx image.
SIZE_GOAL = 1.5 * 1024 * 1024


def wrk(url, ns, conns=50, secs=5):
    """wrk's requests/s, transfer in MB/s and latency p50, p99 (us)."""
    out = subprocess.run(lib.cmd(["wrk", "-t1", "-c%d" % conns, "-d%ds" % secs, "--latency",
                                  url], secs + 30, ns),
                         capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    t = re.search(r"Transfer/sec:\s+([\d.]+)([KMG])B", out)
    if not m or not t or re.search(r"Non-2xx|Socket errors", out):
        lib.fail("wrk %s: %s" % (url, out))
    unit = {"us": 1, "ms": 1e3, "s": 1e6}
    lat = {p: float(v) * unit[u] for p, v, u in
           re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", out, re.M)}
    mb = float(t.group(1)) * {"K": 1 / 1024, "M": 1, "G": 1024}[t.group(2)]
    return float(m.group(1)), mb, lat.get("50", float("nan")), lat.get("99", float("nan"))


def fetch(url, ns=None):
    """The body at URL, or None."""
    r = subprocess.run(lib.cmd(["curl", "-sf", "-m", "5", url], 10, ns), capture_output=True)
    return r.stdout if r.returncode == 0 else None


def median(runs, i):
    return sorted(r[i] for r in runs)[len(runs) // 2]


def config_flags(config):
    """The image's code-generation flags for C, as support/build/flags.mk
    and arch/x86/x86_64/Makefile.uk derive them from .config CONFIG."""
    with open(config) as f:
        c = dict(re.findall(r"^(CONFIG_\w+)=(.*)$", f.read(), re.M))
    on = lambda k: c.get(k) == "y"
    flags = ["-std=gnu11", "-fno-pic", "-fno-pie", "-fno-common",
             "-fno-asynchronous-unwind-tables", "-fno-unwind-tables"]
    flags += [o for k, o in (("OPTIMIZE_NONE", "-O0"), ("OPTIMIZE_DEBUG", "-Og"),
                             ("OPTIMIZE_PERF", "-O2"), ("OPTIMIZE_SIZE", "-Os"))
              if on("CONFIG_" + k)]
    if on("CONFIG_OPTIMIZE_DEADELIM"):
        flags += ["-ffunction-sections", "-fdata-sections"]
    if on("CONFIG_OPTIMIZE_LTO"):
        flags += ["-flto"]
    if on("CONFIG_FRAME_POINTERS"):
        flags += ["-fno-omit-frame-pointer", "-mno-omit-leaf-frame-pointer",
                  "-fno-optimize-sibling-calls"]
    else:
        flags += ["-fomit-frame-pointer"]
    flags += ["-fstack-protector-strong" if on("CONFIG_STACKPROTECTOR") else
              "-fno-stack-protector"]
    flags += ["-m64", "-march=" + c.get("CONFIG_X86_64_MARCH", '"x86-64"').strip('"'),
              "-mno-red-zone"]
    ld = ["-static", "-no-pie"] + (["-Wl,--gc-sections"] if on("CONFIG_OPTIMIZE_DEADELIM")
                                   else [])
    return flags, ld


def host_nginx(tag):
    """nginx built for the host from the image's unpacked source with the
    image's configure options and flags (see the header): its path and
    the compiler flags. Debian's musl-dev leaves out crypt.h and crypt()
    (nginx's auth_basic module needs both): they come from the musl
    source the image's build unpacked, the same musl 1.2.3 code."""
    build = os.path.join(lib.tmp(tag), "build")
    musl = os.path.join(build, "src", "musl")
    src = lib.tmp("nginx-host-src")
    shutil.copytree(os.path.join(build, "src", "nginx"), src,
                    ignore=shutil.ignore_patterns("objs"))
    inc, crypt = lib.tmp("nginx-host-inc"), lib.tmp("nginx-host-crypt")
    os.makedirs(inc)
    os.makedirs(crypt)
    shutil.copy(os.path.join(musl, "include", "crypt.h"), inc)
    # musl's own build flags and internal headers for its crypt sources.
    mi = ["-I" + os.path.join(musl, d) for d in ("arch/x86_64", "arch/generic",
                                                 "obj/src/internal", "src/include",
                                                 "src/internal", "obj/include", "include")]
    objs_c = []
    for f in sorted(os.listdir(os.path.join(musl, "src", "crypt"))):
        if f.endswith(".c"):
            o = os.path.join(crypt, f[:-2] + ".o")
            subprocess.run(["musl-gcc", "-std=c99", "-ffreestanding", "-D_XOPEN_SOURCE=700",
                            "-O2", "-w", *mi, "-c", os.path.join(musl, "src", "crypt", f),
                            "-o", o], check=True)
            objs_c.append(o)
    subprocess.run(["ar", "rcs", crypt + "/libcrypt.a", *objs_c], check=True)
    link = crypt + "/link"
    with open(link, "w") as f:
        f.write('#!/bin/sh\nexec musl-gcc "$@" %s/libcrypt.a\n' % crypt)
    os.chmod(link, 0o755)

    flags, ld = config_flags(os.path.join(lib.tmp(tag), ".config"))
    objs = lib.tmp("nginx-host-objs")
    subprocess.run([lib.src("apps", "nginx", "prepare"), src,
                    lib.src("apps", "nginx", "configure-options"), objs, "musl-gcc",
                    " ".join(flags + ["-I" + inc]), " ".join(ld)], check=True)
    # configure must have found what it found for the image.
    def features(path):
        with open(path) as f:
            return [l for l in f if "NGX_CONFIGURE" not in l]
    if features(objs + "/ngx_auto_config.h") != features(
            os.path.join(build, "src", "nginx", "objs", "ngx_auto_config.h")):
        lib.fail("nginx's configure found other features on the host than for the image"
                 " (%s/ngx_auto_config.h)" % objs)
    with open(lib.tmp("nginx-host-make.log"), "w") as log:
        subprocess.run(["make", "-C", src, "-f", objs + "/Makefile", "-j2", "LINK=" + link],
                       check=True, stdout=log, stderr=subprocess.STDOUT)
    return objs + "/nginx", flags


def veth_pair(ns, hns, dev, addr, peer, peer_addr):
    """A veth pair DEV (in NS, ADDR) - PEER (in the new namespace HNS,
    PEER_ADDR), MTU 1500, offloads as the kernel sets them (on)."""
    for c in (["netns", "add", hns], ["-n", hns, "link", "set", "lo", "up"],
              ["-n", ns, "link", "add", dev, "mtu", "1500", "type", "veth", "peer", "name",
               peer, "mtu", "1500", "netns", hns],
              ["-n", ns, "addr", "add", addr, "dev", dev],
              ["-n", hns, "addr", "add", peer_addr, "dev", peer],
              ["-n", ns, "link", "set", dev, "up"], ["-n", hns, "link", "set", peer, "up"]):
        subprocess.run(["ip"] + c, check=True)


def rounds_against(servers, ns, paths, rounds, secs):
    """{(server, path): [wrk figures per round]}, the servers interleaved."""
    runs = {(s, p): [] for s in servers for p in paths}
    for s, url in servers.items():
        for p in paths:
            wrk(url + p, ns, 50, 1)       # warm up
    for _ in range(rounds):
        for p in paths:
            for s, url in servers.items():
                runs[s, p].append(wrk(url + p, ns, 50, secs))
    return runs


def run():
    if not shutil.which("wrk"):
        print("nginx: skipped, needs wrk (support/scripts/install-deps)")
        return
    tag = "nginx"
    lib.defconfig("nginx", tag, lib.app_defconfig("nginx"))
    build = lib.make("nginx", tag, "-j2")
    for plat in ("linuxu", "kvm"):
        size = os.path.getsize(lib.image(build, "nginx", plat))
        print("nginx: image size (stripped, musl, lwip, ramfs%s), %s: %d bytes, %.2f of the"
              " 1.5 MiB goal" % (", 9pfs" if plat == "kvm" else "", plat, size, size / SIZE_GOAL))
    root = lib.tmp("nginx-root")
    subprocess.run([lib.src("apps", "nginx", "mkroot"), build, root], check=True)
    with open(os.path.join(root, "var", "www", "html", "1m.bin"), "wb") as f:
        f.write(os.urandom(1 << 20))
    cpio = lib.tmp("nginx-root.cpio")
    subprocess.run([lib.src("support", "scripts", "mkinitrd"), root, cpio], check=True)
    paths = ("/index.html", "/1m.bin")
    rounds, secs = 3, 5
    load0 = os.getloadavg()[0]

    if lib.can_netns():
        host, flags = host_nginx(tag)
        hroot = lib.tmp("nginx-hostroot")
        shutil.copytree(root, hroot, symlinks=True)
        os.makedirs(os.path.join(hroot, "sbin"))
        shutil.copy(host, os.path.join(hroot, "sbin", "nginx"))
        hns = "tessera-nginxh-%d" % os.getpid()
        with lib.tap_netns("tessera-nginx", ("tap0", "10.93.1.1/24"),
                           ("tap1", "10.93.2.1/24")) as ns:
            procs = []
            try:
                veth_pair(ns, hns, "veth0", "10.93.4.1/24", "veth1", "10.93.4.2/24")
                servers = {"uk": "http://10.93.1.2", "host": "http://10.93.4.2"}
                procs.append(lib.start([lib.image(build, "nginx", "linuxu"),
                                        "linuxu.initrd=" + cpio, "tap.name=tap0",
                                        "netdev.ip=10.93.1.2/24", "netdev.gw=10.93.1.1", "--"],
                                       lambda: fetch(servers["uk"] + "/", ns), SERVER_BOUND,
                                       ns))
                procs.append(lib.start(["chroot", hroot, "/sbin/nginx"],
                                       lambda: fetch(servers["host"] + "/", ns),
                                       SERVER_BOUND, hns))
                for p in paths:
                    if fetch(servers["uk"] + p, ns) != fetch(servers["host"] + p, ns):
                        lib.fail("nginx on the host and in the image serve %s differently" % p)
                runs = rounds_against(servers, ns, paths, rounds, secs)
                for p in procs:
                    lib.stop(p)
                procs = []
                # kvm (TCG) on tap1 of the same namespace: report only.
                q = lib.start(lib.qemu_argv(lib.image(build, "nginx", "kvm"), 128, [
                    "-initrd", cpio, "-netdev",
                    "tap,id=n0,ifname=tap1,script=no,downscript=no",
                    "-device", "virtio-net-pci,netdev=n0",
                    "-append", "netdev.ip=10.93.2.2/24 netdev.gw=10.93.2.1 --"]),
                    lambda: fetch("http://10.93.2.2/", ns), SERVER_BOUND, ns)
                procs.append(q)
                kvm = {p: wrk("http://10.93.2.2" + p, ns, 10, secs) for p in paths}
            finally:
                for p in procs:
                    lib.stop(p)
                subprocess.run(["ip", "netns", "del", hns], stderr=lib.DEVNULL)
        print("nginx: baseline: the same nginx source and configure options built with"
              " musl-gcc (musl 1.2.3) and the image's flags (%s), static, chrooted in a copy of"
              " the image's root, in a namespace behind a veth pair (MTU 1500, offloads on);"
              " the image on linuxu behind a tap (MTU 1500, tap.offload=1); wrk -t1 -c50 in"
              " the namespace of both" % " ".join(f for f in flags if f[:2] in ("-O", "-m")))
        for p in paths:
            uk, base = runs["uk", p], runs["host", p]
            u = [median(uk, i) for i in range(4)]
            b = [median(base, i) for i in range(4)]
            print("nginx: GET %s: on the host over veth: %.0f requests/s, %.1f MB/s, latency"
                  " p50 %.0f us, p99 %.0f us (baseline)" % (p, *b))
            print("nginx: GET %s: on linuxu over tap: %.0f requests/s, %.1f MB/s, latency"
                  " p50 %.0f us, p99 %.0f us; ratio %.2f; per-round ratios %s"
                  % (p, *u, u[0] / b[0], ", ".join("%.2f" % (x[0] / y[0])
                                                    for x, y in zip(uk, base))))
        for p in paths:
            print("nginx: GET %s: on kvm (TCG, virtio-net on a tap netdev, wrk -t1 -c10):"
                  " %.0f requests/s, %.1f MB/s, latency p50 %.0f us, p99 %.0f us (report"
                  " only)" % (p, *kvm[p]))
        print("nginx: (%d s runs, medians of %d interleaved rounds; load average %.1f before,"
              " %.1f after: other builds on the machine make the figures noisy)"
              % (secs, rounds, load0, os.getloadavg()[0]))
    else:
        print("nginx: linuxu, kvm and the host baseline skipped (need root and ip(8) for"
              " the namespaces)")
