# SPDX-License-Identifier: BSD-3-Clause
"""wrk requests/s and latency of apps/httpreply.

linuxu over tap in a network namespace of its own (root only), 10 and
50 connections, 5 s runs, medians of 3 interleaved rounds; kvm (TCG)
over a QEMU tap netdev in a namespace of its own, 10 connections,
reported without a baseline (a TCG guest has no like-for-like host
counterpart). Not behind QEMU user networking: its hostfwd listens with
a backlog of 1, so the host kernel drops the handshake's last ACK and
the first request of a connection that slirp has not accepted yet, and
wrk's TCP resends them after 0.2, 0.4, 0.8 s: p99 latencies of 0.2 to
1 s that measure slirp, not the image (doc/benchmarks.md).

Baseline: the same apps/httpreply/main.c built for the host with gcc
and the flags of the image's build (lib.host_like: same -O, -f and -m
flags, linked statically, the host's C library and kernel TCP), in a
second namespace behind a veth pair (MTU 1500, default offloads) whose
other end is in wrk's namespace, next to the image's tap (MTU 1500,
offloads: the linuxu default tap.offload=1). Same port, same answer.
"""
import re
import shutil
import subprocess

import lib

# Bound (s) of a server: longer than all the rounds against it.
SERVER_BOUND = 600


def wrk(url, ns=None, conns=50, secs=5):
    """wrk's requests/s and latency percentiles (us) against URL."""
    out = subprocess.run(lib.cmd(["wrk", "-t1", "-c%d" % conns, "-d%ds" % secs, "--latency",
                                  url], secs + 30, ns),
                         capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not m or re.search(r"Non-2xx|Socket errors", out):
        lib.fail("wrk %s: %s" % (url, out))
    unit = {"us": 1, "ms": 1e3, "s": 1e6}
    lat = {p: float(v) * unit[u] for p, v, u in
           re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", out, re.M)}
    return float(m.group(1)), lat.get("50", -1), lat.get("99", -1)


def fetch(url, ns=None):
    """The body at URL, or None."""
    r = subprocess.run(lib.cmd(["python3", "-c", "import sys, urllib.request as u; sys.stdout."
                                "buffer.write(u.urlopen(sys.argv[1], timeout=2).read())", url],
                               10, ns), capture_output=True)
    return r.stdout if r.returncode == 0 else None


def med3(runs):
    """Medians of each of the figures (requests/s, p50, p99) of RUNS."""
    return [sorted(r[i] for r in runs)[len(runs) // 2] for i in range(3)]


def linuxu(rounds, secs, conns):
    img = lib.image(lib.make("httpreply", "http-linuxu", "-j2"), "httpreply", "linuxu")
    host, flags = lib.host_like("http-linuxu", "httpreply-host",
                                [lib.src("apps", "httpreply", "main.c")])
    with lib.tap_netns("tessera-http", ("tap0", "10.99.1.1/24")) as ns, \
            lib.veth_netns("tessera-httph", ns,
                           ("veth0", "10.99.4.1/24", "veth1", "10.99.4.2/24", True)) as hns:
        uk_url, host_url = "http://10.99.1.2/", "http://10.99.4.2/"
        procs = []
        try:
            procs.append(lib.start([img, "tap.name=tap0", "netdev.ip=10.99.1.2/24",
                                    "netdev.gw=10.99.1.1", "--"],
                                   lambda: fetch(uk_url, ns), SERVER_BOUND, ns))
            procs.append(lib.start([host], lambda: fetch(host_url, ns), SERVER_BOUND, hns))
            if fetch(uk_url, ns) != fetch(host_url, ns):
                lib.fail("httpreply on the host and in the image answer differently")
            runs = {(k, c): [] for k in ("uk", "host") for c in conns}
            wrk(uk_url, ns, conns[-1], 1)      # warm up
            wrk(host_url, ns, conns[-1], 1)
            for _ in range(rounds):
                for c in conns:
                    runs["uk", c].append(wrk(uk_url, ns, c, secs))
                    runs["host", c].append(wrk(host_url, ns, c, secs))
        finally:
            for p in procs:
                lib.stop(p)
    print("http: baseline: apps/httpreply/main.c built for the host (gcc %s, static, glibc),"
          " in a namespace behind a veth pair (MTU 1500, offloads on); the image on linuxu"
          " behind a tap (MTU 1500, tap.offload=1); wrk -t1 in the namespace of both the"
          " tap and the veth's other end" % " ".join(f for f in flags if f.startswith("-O")))
    for c in conns:
        uk, base = med3(runs["uk", c]), med3(runs["host", c])
        print("http: wrk -t1 -c%d: httpreply on the host over veth: %.0f requests/s,"
              " latency p50 %.0f us, p99 %.0f us (baseline)" % (c, *base))
        print("http: wrk -t1 -c%d: httpreply on linuxu over tap: %.0f requests/s,"
              " latency p50 %.0f us, p99 %.0f us; ratio %.2f; per-round"
              " ratios %s" % (c, *uk, uk[0] / base[0], ", ".join(
                  "%.2f" % (a[0] / b[0]) for a, b in zip(runs["uk", c], runs["host", c]))))
    print("http: (%d s runs, medians of %d interleaved rounds)" % (secs, rounds))


def kvm(secs):
    img = lib.image(lib.kvm_make("httpreply", "http-kvm", lib.app_defconfig("httpreply")),
                    "httpreply", "kvm")
    url = "http://10.99.8.2/"
    with lib.tap_netns("tessera-httpk", ("tap0", "10.99.8.1/24")) as ns:
        argv = lib.qemu_argv(img, 32, ["-netdev", "tap,id=n0,ifname=tap0,script=no,"
                                       "downscript=no", "-device", "virtio-net-pci,netdev=n0",
                                       "-append", "netdev.ip=10.99.8.2/24 --"])
        q = lib.start(argv, lambda: fetch(url, ns), 120, ns)
        try:
            wrk(url, ns, 10, 1)
            rps, p50, p99 = wrk(url, ns, 10, secs)
        finally:
            lib.stop(q)
    print("http: httpreply on kvm (TCG, -m 32, virtio-net over a QEMU tap netdev, wrk -t1"
          " -c10, %d s): %.0f requests/s, latency p50 %.0f us, p99 %.0f us (report only)"
          % (secs, rps, p50, p99))


def run():
    if not shutil.which("wrk"):
        print("http: skipped, needs wrk (support/scripts/install-deps)")
        return
    rounds, secs, conns = 3, 5, (10, 50)
    if not lib.can_netns():
        print("http: skipped (needs root and ip(8) for a network namespace)")
        return
    linuxu(rounds, secs, conns)
    if lib.have_qemu():
        kvm(secs)
    else:
        print("http: kvm skipped, qemu-system-x86_64 is not installed")
