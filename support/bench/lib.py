# SPDX-License-Identifier: BSD-3-Clause
"""Helpers shared by the benchmarks of support/bench, one file per
benchmark, loaded by support/bench/run (which calls setup() first and
cleanup() at the end).

  files    tmp, src: everything a benchmark writes goes under one
           temporary folder (removed on exit), never into the tree
  builds   make, defconfig, config_make, kvm_make, app_defconfig,
           libc_build, image, host_cc, host_like (an app's sources
           built for the host with the flags its image was built with)
  QEMU     have_qemu, qemu_argv, qemu_run (always under a timeout)
  network  can_netns, tap_netns (a namespace of its own, deleted
           afterwards), veth_netns (a second namespace behind a veth
           pair: where the host baselines run), cmd (a command line in
           a namespace and under a timeout), spawn, start, stop,
           free_port
  figures  parse_figures, fs_type, fail
  running  load (another benchmark's file, e.g. net runs tcp and http)
"""
import contextlib
import importlib.util
import os
import re
import shlex
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


def make(app, tag, *args, log=None, check=True):
    """Run make for apps/APP with its configuration and build folder under
    TMP/TAG: the build folder, or None when make failed and not CHECK.
    Commands are shown (V=1) and go to LOG, by default TMP/TAG/make.log,
    where host_like() finds how each source was compiled."""
    out = tmp(tag)
    os.makedirs(out, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if log is None:
            log = stack.enter_context(open(out + "/make.log", "a"))
        p = subprocess.run(["make", "-C", src("apps", app), "O=" + out + "/build",
                            "C=" + out + "/.config", "V=1", *args],
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


def _compile_argv(logs, build, source):
    """The compiler's arguments (after the compiler, before -c) with which
    the build folder BUILD compiled a file whose path ends in SOURCE: from
    its make logs LOGS (V=1), or, for fetched sources whose objects came
    from the upstream cache (never compiled in this folder), from the
    commands the build recorded for that cache (config/upstream-*.cmds:
    per object, "OBJECT SOURCE FLAGS", the build folder written <O>)."""
    cfg = os.path.join(build, "config")
    for f in sorted(os.listdir(cfg)) if os.path.isdir(cfg) else ():
        if not (f.startswith("upstream-") and f.endswith(".cmds")):
            continue
        with open(os.path.join(cfg, f)) as cmds:
            for line in cmds:
                words = shlex.split(line.replace("<O>", build))
                if len(words) > 2 and words[1].endswith("/" + source.lstrip("/")):
                    return words[2:]
    for log in logs:
        with open(log, errors="replace") as f:
            for line in f:
                if " -c " not in line or not line.rstrip().split(" -o ")[0].endswith(
                        "/" + source.lstrip("/")):
                    continue
                words = shlex.split(line)
                c = len(words) - 1 - words[::-1].index("-c")
                cc = max(i for i in range(c) if os.path.basename(words[i]) in
                         ("gcc", "cc", os.path.basename(os.environ.get("CC", "gcc"))))
                return words[cc + 1:c]
    fail("no compiler command for %s in %s" % (source, ", ".join(logs)))


# Flags of an image's compile that only make sense inside the tree: the
# freestanding headers, the configuration, paths, dependency files.
_TREE_ONLY = ("-nostdinc", "-fno-canonical-system-headers", "-MMD", "-MP", "-Werror",
              "-D__TESSERA__")
_TREE_ONLY_ARG = ("-isystem", "-include", "-MF", "-o")
_TREE_ONLY_PREFIX = ("-ffile-prefix-map=", "-fdebug-prefix-map=", "-DUK_LIBNAME=")


def host_flags(argv, keep_dirs):
    """The code-generation flags of an image's compiler arguments ARGV
    (optimisation, -f, -m, -std, the source's own -D): what is left
    without the tree's headers and configuration, keeping -I only for
    folders under KEEP_DIRS (the application's, its fetched source)."""
    out, skip = [], False
    for w in argv:
        if skip:
            skip = False
        elif w in _TREE_ONLY_ARG:
            skip = True
        elif w in _TREE_ONLY or w.startswith(_TREE_ONLY_PREFIX):
            pass
        elif w.startswith("-I"):
            if any(os.path.realpath(w[2:]).startswith(os.path.realpath(d) + "/") or
                   os.path.realpath(w[2:]) == os.path.realpath(d) for d in keep_dirs):
                out.append(w)
        else:
            out.append(w)
    return out


def host_like(tag, name, sources, libs=()):
    """Build SOURCES (paths; each compiled in the build of TMP/TAG, whose
    make log holds its command line) for the host with the same compiler
    and the same code-generation flags as in the image, linked statically
    (as the image is) against the host's C library with LIBS, as
    TMP/NAME. Its path and the flags of the first source. glibc declares
    its extensions (accept4, pipe2 ...) only under _GNU_SOURCE, which the
    tree's C libraries do not ask for: the host build defines it."""
    logs = [os.path.join(tmp(tag), f) for f in ("make.log", "build.log")
            if os.path.exists(os.path.join(tmp(tag), f))]
    keep = [os.path.dirname(s) for s in sources]
    objs, first = [], None
    for s in sources:
        flags = host_flags(_compile_argv(logs, os.path.join(tmp(tag), "build"),
                                         os.path.basename(os.path.dirname(s)) + "/" +
                                         os.path.basename(s)), keep)
        first = first or flags
        obj = tmp("%s-%d.o" % (name, len(objs)))
        _quiet(["gcc", *flags, "-D_GNU_SOURCE", "-c", s, "-o", obj])
        objs.append(obj)
    out = tmp(name)
    gc = ["-Wl,--gc-sections"] if "-ffunction-sections" in first else []
    _quiet(["gcc", *[f for f in first if f.startswith(("-m", "-f", "-O"))],
            "-static", "-no-pie", *gc, "-o", out, *objs, *libs])
    return out, first


def _quiet(argv):
    """Run ARGV; its output only when it fails (the image's build hides
    warnings of fetched code, and static glibc warns of getpwuid)."""
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        fail("%s: %s" % (" ".join(argv), p.stdout))


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


# ethtool's names of the offloads a veth has on by default; off, the
# kernel checksums and segments every packet in software before it
# crosses, as it does for a tap whose reader asked for no offloads.
VETH_OFFLOADS = ("rx", "tx", "sg", "tso", "gso", "gro")


@contextlib.contextmanager
def veth_netns(name, ns, *pairs):
    """A second network namespace NAME-PID, joined to the namespace NS by
    one veth pair per (DEV, ADDR/24, PEER, PEER_ADDR/24, OFFLOADS) of
    PAIRS: DEV in NS, PEER in the new namespace, both with MTU 1500 (a
    tap's) and with their default offloads (checksums, TSO, GSO: those a
    tap has when its reader asks for them) or, when not OFFLOADS, none
    (needs ethtool). This is where a host baseline runs: its packets
    cross a device, as those of an image behind a tap in NS do. Deleted
    when the block ends."""
    peer_ns = "%s-%d" % (name, os.getpid())
    cmds = [["netns", "add", peer_ns], ["-n", peer_ns, "link", "set", "lo", "up"]]
    feats = []
    for dev, addr, peer, peer_addr, offloads in pairs:
        cmds += [["-n", ns, "link", "add", dev, "mtu", "1500", "type", "veth", "peer", "name",
                  peer, "mtu", "1500", "netns", peer_ns],
                 ["-n", ns, "addr", "add", addr, "dev", dev],
                 ["-n", peer_ns, "addr", "add", peer_addr, "dev", peer],
                 ["-n", ns, "link", "set", dev, "up"],
                 ["-n", peer_ns, "link", "set", peer, "up"]]
        if not offloads:
            for n, d in ((ns, dev), (peer_ns, peer)):
                feats.append(cmd(["ethtool", "-K", d] +
                                 [w for o in VETH_OFFLOADS for w in (o, "off")], 10, n))
    try:
        for c in cmds:
            subprocess.run(["ip"] + c, check=True)
        for c in feats:
            subprocess.run(c, check=True, stdout=DEVNULL)
        yield peer_ns
    finally:
        subprocess.run(["ip", "netns", "del", peer_ns], stderr=DEVNULL)


def have_ethtool():
    return shutil.which("ethtool") is not None or os.path.exists("/usr/sbin/ethtool")


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
