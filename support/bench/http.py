# SPDX-License-Identifier: BSD-3-Clause
"""wrk requests/s and latency of apps/httpreply.

linuxu over tap in a network namespace of its own (root only), 10 and
50 connections, 5 s runs, medians of 3 interleaved rounds; kvm (TCG)
behind QEMU user networking, 10 connections.

Baseline: the host's nginx (the distribution's binary, one worker,
access log off) serving the very bytes httpreply answers with, over the
same namespace's loopback (not over a tap). kvm is reported without
one.
"""
import os
import re
import shutil
import statistics
import subprocess

import lib

NGINX_CONF = """daemon off;
user root;
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 100000000;
    client_body_temp_path %(d)s;
    proxy_temp_path %(d)s;
    fastcgi_temp_path %(d)s;
    uwsgi_temp_path %(d)s;
    scgi_temp_path %(d)s;
    server {
        listen %(addr)s;
        root %(d)s;
        location / { default_type text/html; try_files /index.html =404; }
    }
}
"""

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


def linuxu(nginx, rounds, secs, conns):
    img = lib.image(lib.make("httpreply", "http-linuxu", "-j2"), "httpreply", "linuxu")
    d = lib.tmp("nginx")
    os.makedirs(d, exist_ok=True)
    with lib.tap_netns("tessera-http", ("tap0", "10.99.1.1/24")) as ns:
        uk_url, ngx_url = "http://10.99.1.2/", "http://127.0.0.1:8080/"
        procs = []
        try:
            procs.append(lib.start([img, "tap.name=tap0", "netdev.ip=10.99.1.2/24",
                                    "netdev.gw=10.99.1.1", "--"],
                                   lambda: fetch(uk_url, ns), SERVER_BOUND, ns))
            # nginx serves the very bytes httpreply answers with.
            with open(os.path.join(d, "index.html"), "wb") as f:
                f.write(fetch(uk_url, ns))
            with open(os.path.join(d, "nginx.conf"), "w") as f:
                f.write(NGINX_CONF % {"d": d, "addr": "127.0.0.1:8080"})
            procs.append(lib.start([nginx, "-c", os.path.join(d, "nginx.conf"), "-e",
                                    os.path.join(d, "error.log")],
                                   lambda: fetch(ngx_url, ns), SERVER_BOUND, ns))
            runs = {(k, c): [] for k in ("uk", "ngx") for c in conns}
            wrk(uk_url, ns, conns[-1], 1)      # warm up
            wrk(ngx_url, ns, conns[-1], 1)
            for _ in range(rounds):
                for c in conns:
                    runs["uk", c].append(wrk(uk_url, ns, c, secs))
                    runs["ngx", c].append(wrk(ngx_url, ns, c, secs))
        finally:
            for p in procs:
                lib.stop(p)
        version = subprocess.run([nginx, "-v"], capture_output=True,
                                 text=True).stderr.strip().split("/")[-1]
        for c in conns:
            uk, ngx = ([statistics.median(r[i] for r in runs[k, c]) for i in range(3)]
                       for k in ("uk", "ngx"))
            print("http: wrk -t1 -c%d: nginx %s (1 worker, access log off, namespace's"
                  " loopback): %.0f requests/s, latency p50 %.0f us, p99 %.0f us"
                  " (baseline)" % (c, version, *ngx))
            print("http: wrk -t1 -c%d: httpreply on linuxu over tap: %.0f requests/s,"
                  " latency p50 %.0f us, p99 %.0f us; ratio %.2f (goal >= 0.5);"
                  " per-round ratios %s" % (c, *uk, uk[0] / ngx[0], ", ".join(
                      "%.2f" % (a[0] / b[0]) for a, b in zip(runs["uk", c],
                                                             runs["ngx", c]))))
        print("http: (%d s runs, medians of %d interleaved rounds)" % (secs, rounds))


def kvm(secs):
    img = lib.image(lib.kvm_make("httpreply", "http-kvm", lib.app_defconfig("httpreply")),
                    "httpreply", "kvm")
    port = lib.free_port()
    url = "http://127.0.0.1:%d/" % port
    argv = lib.qemu_argv(img, 32, ["-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-:80" % port,
                                   "-device", "virtio-net-pci,netdev=n0"])
    q = lib.start(argv, lambda: fetch(url), 120)
    try:
        wrk(url, None, 10, 1)
        rps, p50, p99 = wrk(url, None, 10, secs)
    finally:
        lib.stop(q)
    print("http: httpreply on kvm (TCG, virtio-net, QEMU user networking hostfwd, wrk -t1"
          " -c10, %d s): %.0f requests/s, latency p50 %.0f us, p99 %.0f us"
          % (secs, rps, p50, p99))


def run():
    nginx = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    if not shutil.which("wrk") or not nginx:
        print("http: skipped, needs wrk and nginx (support/scripts/install-deps)")
        return
    rounds, secs, conns = 3, 5, (10, 50)
    if lib.can_netns():
        linuxu(nginx, rounds, secs, conns)
    else:
        print("http: linuxu over tap skipped (needs root and ip(8))")
    kvm(secs)
