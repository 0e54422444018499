# SPDX-License-Identifier: BSD-3-Clause
"""Helpers shared by the benchmarks of support/bench, one file per
benchmark, loaded by support/bench/run (which calls setup() first and
cleanup() at the end).

  files    tmp, src: everything a benchmark writes goes under one
           temporary folder (removed on exit), never into the tree
  builds   make, defconfig, config_make, kvm_make, app_defconfig,
           libc_build, image, host_cc
  QEMU     have_qemu, qemu_argv, qemu_run (always under a timeout)
  network  can_netns, tap_netns (a namespace of its own, deleted
           afterwards), cmd (a command line in a namespace and under a
           timeout), spawn, start, stop, free_port
  figures  parse_figures, fs_type, fail
  running  load (another benchmark's file, e.g. net runs tcp and http)
"""
import contextlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEVNULL = subprocess.DEVNULL
TMP = None


# Files and the run --------------------------------------------------------

def setup():
    """Create the temporary folder; turn SIGTERM and SIGHUP into a normal
    exit so that every cleanup (servers, namespaces, the folder) runs."""
    global TMP
    TMP = tempfile.mkdtemp(prefix="tessera-bench.")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, _frame: sys.exit(128 + signum))


def cleanup():
    if TMP:
        shutil.rmtree(TMP, ignore_errors=True)


def tmp(*parts):
    """A path under the temporary folder."""
    return os.path.join(TMP, *parts)


def src(*parts):
    """A path in the tree (read only: benchmarks never write there)."""
    return os.path.join(ROOT, *parts)


def fail(msg):
    sys.exit("error: " + msg)


_loaded = {}


def bench_file(name):
    return os.path.join(HERE, name + ".py")


def load(name):
    """The module of benchmark NAME (support/bench/NAME.py), loaded once."""
    if name not in _loaded:
        spec = importlib.util.spec_from_file_location("bench_" + name, bench_file(name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        _loaded[name] = mod
    return _loaded[name]


# Builds -------------------------------------------------------------------

KVM_CONFIG = "CONFIG_PLAT_KVM=y\n# CONFIG_PLAT_LINUXU is not set\n"


def make(app, tag, *args, log=DEVNULL, check=True):
    """Run make for apps/APP with its configuration and build folder under
    TMP/TAG: the build folder, or None when make failed and not CHECK."""
    out = tmp(tag)
    p = subprocess.run(["make", "-C", src("apps", app), "O=" + out + "/build",
                        "C=" + out + "/.config", *args],
                       check=check, stdout=log, stderr=subprocess.STDOUT)
    return out + "/build" if p.returncode == 0 else None


def defconfig(app, tag, config, log=DEVNULL, check=True):
    """Configure apps/APP under TMP/TAG from the defconfig text CONFIG;
    whether make defconfig succeeded."""
    out = tmp(tag)
    os.makedirs(out, exist_ok=True)
    with open(out + "/defconfig", "w") as f:
        f.write(config)
    return subprocess.run(["make", "-C", ROOT, "A=" + src("apps", app),
                           "O=" + out + "/build", "C=" + out + "/.config", "defconfig",
                           "DEFCONFIG=" + out + "/defconfig"],
                          check=check, stdout=log, stderr=subprocess.STDOUT).returncode == 0


def config_make(app, tag, config):
    """Build apps/APP from the defconfig text CONFIG under TMP/TAG."""
    defconfig(app, tag, config)
    return make(app, tag, "-j2")


def kvm_make(app, tag, extra=""):
    """Build apps/APP for kvm only (plus EXTRA config lines)."""
    return config_make(app, tag, KVM_CONFIG + extra)


def app_defconfig(app):
    """The text of apps/APP/defconfig ("" when it has none)."""
    path = src("apps", app, "defconfig")
    if not os.path.exists(path):
        return ""
    with open(path) as f:
        return f.read()


def image(build, app, plat):
    return os.path.join(build, "%s_%s-x86_64" % (app, plat))


_libc_builds = {}


def libc_build(app, libc):
    """Build apps/APP for linuxu and kvm with LIBC instead of the C library
    its defconfig chooses: (build folder, None), or (None, why not). Built
    once per run (sqlite and libcsize share the builds)."""
    tag = "%s-%s" % (app, libc)
    if tag in _libc_builds:
        return _libc_builds[tag]
    sym = "CONFIG_LIBC_%s" % libc.upper()
    with open(src("Config.uk")) as f:
        if "config LIBC_%s\n" % libc.upper() not in f.read():
            _libc_builds[tag] = None, "this tree has no %s" % libc
            return _libc_builds[tag]
    conf = "".join(l for l in app_defconfig(app).splitlines(True)
                   if not l.startswith("CONFIG_LIBC_"))
    out = tmp(tag)
    os.makedirs(out, exist_ok=True)
    log = out + "/build.log"
    with open(log, "w") as f:
        ok = defconfig(app, tag, conf + sym + "=y\nCONFIG_PLAT_KVM=y\n", log=f, check=False)
        with open(out + "/.config") as c:
            ok = ok and sym + "=y\n" in c.read()
        ok = ok and make(app, tag, "-j2", log=f, check=False) is not None
    if ok:
        _libc_builds[tag] = out + "/build", None
    else:
        with open(log, errors="replace") as f:
            lines = [l.strip() for l in f]
        errs = ([l for l in lines if re.search(r"\berror:", l)] or
                [l for l in lines if "***" in l])
        why = (errs or lines[-1:] or ["?"])[0].replace(out + "/build/", "")
        _libc_builds[tag] = None, "does not build: %s" % why
    return _libc_builds[tag]


def host_cc(name, source, *flags):
    """Build SOURCE (a path in the tree) with the host's gcc -O2 and FLAGS
    as TMP/NAME; its path."""
    out = tmp(name)
    subprocess.run(["gcc", "-O2", *flags, "-o", out, src(source)], check=True)
    return out


# QEMU ---------------------------------------------------------------------

def have_qemu():
    return shutil.which("qemu-system-x86_64") is not None


def qemu_argv(img, mem=64, extra=()):
    return ["qemu-system-x86_64", "-machine", "pc", "-m", str(mem), "-display", "none",
            "-serial", "stdio", "-no-reboot", "-nic", "none",
            "-device", "isa-debug-exit,iobase=0x501,iosize=2", *extra, "-kernel", img]


def qemu_run(argv, timeout=30):
    """Output and exit code of one QEMU run (never longer than timeout s)."""
    with subprocess.Popen(["timeout", "-k", "2", str(timeout), *argv], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, stdin=DEVNULL) as p:
        try:
            out, _ = p.communicate(timeout=timeout + 5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            return "", 124
        except BaseException:
            # Interrupted (an error, SIGTERM): a SIGTERM reaches QEMU through
            # timeout(1), which a SIGKILL of timeout itself would not.
            stop(p)
            raise
    return out, p.returncode


# Network ------------------------------------------------------------------

def can_netns():
    """Whether this run may create network namespaces (root and ip(8))."""
    return os.getuid() == 0 and shutil.which("ip") is not None


@contextlib.contextmanager
def tap_netns(name, *taps):
    """A network namespace NAME-PID with its loopback up and, for each
    (DEV, ADDR/24) of TAPS, a tap device DEV with that address, up. The
    namespace (and its devices) is deleted when the block ends."""
    ns = "%s-%d" % (name, os.getpid())
    cmds = [["netns", "add", ns], ["-n", ns, "link", "set", "lo", "up"]]
    for dev, addr in taps:
        cmds += [["-n", ns, "tuntap", "add", "dev", dev, "mode", "tap"],
                 ["-n", ns, "addr", "add", addr, "dev", dev],
                 ["-n", ns, "link", "set", dev, "up"]]
    try:
        for c in cmds:
            subprocess.run(["ip"] + c, check=True)
        yield ns
    finally:
        subprocess.run(["ip", "netns", "del", ns], stderr=DEVNULL)


def cmd(argv, bound=None, ns=None):
    """ARGV run in the network namespace NS (if given) and killed after
    BOUND seconds (if given)."""
    return ((["ip", "netns", "exec", ns] if ns else []) +
            (["timeout", str(bound)] if bound else []) + list(argv))


def spawn(argv, bound, ns=None, stdout=DEVNULL):
    """Start a server: ARGV in NS, killed after BOUND seconds at the latest."""
    return subprocess.Popen(cmd(argv, bound, ns), stdin=DEVNULL, stdout=stdout,
                            stderr=DEVNULL, text=True)


def stop(p):
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def start(argv, ready, bound, ns=None):
    """Start ARGV as spawn() does; wait (at most 20 s) until ready() holds."""
    p = spawn(argv, bound, ns)
    what = " ".join(cmd(argv, bound, ns))
    for _ in range(100):
        if p.poll() is not None:
            fail("%s exited with %d" % (what, p.returncode))
        if ready():
            return p
        time.sleep(0.2)
    stop(p)
    fail("%s did not start serving" % what)


def free_port(kind=socket.SOCK_STREAM):
    """A free TCP (or, with SOCK_DGRAM, UDP) port on 127.0.0.1."""
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# Figures ------------------------------------------------------------------

def parse_figures(text):
    """{name: value} from lines "NAME VALUE"."""
    return {k: float(v) for k, v in (l.split() for l in text.splitlines() if l.strip())}


def fs_type(path):
    """The file system type of PATH (stat -f), e.g. tmpfs."""
    return subprocess.run(["stat", "-f", "-c", "%T", path], capture_output=True,
                          text=True).stdout.strip()
