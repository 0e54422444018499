# SPDX-License-Identifier: BSD-3-Clause
"""The 60000 inserts of apps/sqlite/mktest, linuxu vs the host.

The sqlite3 shell of apps/sqlite on linuxu (musl, -O2, database on the
ramfs root, script in the initrd), wall time of the whole process, 8
interleaved rounds, the first left out, medians; every run must print
the row count. On kvm (TCG, -m 256) the same script next to a
one-statement script (the boot-and-exit baseline), reported.

Baseline: the same sqlite3 shell built for the host from the same
fetched source (the amalgamation apps/sqlite generates) with gcc and
the flags and options of the image's build (lib.host_like: the same -O,
-f and -m flags and -D options such as SQLITE_THREADSAFE=0, linked
statically as the image is, against glibc), with its database on tmpfs
(a fresh folder in /dev/shm per run); both with -batch -init empty and
sqlite's default VFS (unix: POSIX record locks, vfscore's in the image).
"""
import os
import shutil
import statistics
import subprocess
import tempfile
import time

import lib

ARGS = ["-batch", "-init", "empty", "test.db"]


def make_root():
    """TMP/sqlite-root: the 60000 inserts of apps/sqlite/mktest (and a
    count of the rows) as test.sql, a one-statement script as nop.sql (the
    boot and exit baseline on kvm), an empty init file; packed into
    TMP/sqlite.cpio for the image."""
    root = lib.tmp("sqlite-root")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "test.sql"), "w") as f:
        subprocess.run([lib.src("apps", "sqlite", "mktest"), "60000", "inserts-only"],
                       check=True, stdout=f)
        f.write("SELECT count(*) FROM orders;\n")
    with open(os.path.join(root, "nop.sql"), "w") as f:
        f.write("SELECT 'nop';\n")
    open(os.path.join(root, "empty"), "w").close()
    cpio = lib.tmp("sqlite.cpio")
    subprocess.run([lib.src("support", "scripts", "mkinitrd"), root, cpio], check=True)
    return root, cpio


def timed(argv, what, cwd=None, timeout=120):
    """Wall time (s) of one run of ARGV, which must exit 0 and print the
    row count of the 60000 inserts."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        lib.fail("%s did not finish within %d s" % (what, timeout))
    wall = time.perf_counter() - t0
    if p.returncode != 0 or "count(*)\n60000\n" not in p.stdout:
        lib.fail("%s exited with %d: %s%s" % (what, p.returncode, p.stdout[-2000:],
                                              p.stderr[-2000:]))
    return wall


def run():
    build, why = lib.libc_build("sqlite", "musl")
    if not build:
        lib.fail("sqlite with musl %s" % why)
    amalg = os.path.join(build, "src", "sqlite", "amalg")
    sqlite3, flags = lib.host_like("sqlite-musl", "sqlite3-host",
                                   [os.path.join(amalg, "sqlite3.c"),
                                    os.path.join(amalg, "shell.c")], ["-lm"])
    root, cpio = make_root()
    shm = "/dev/shm"
    fs = lib.fs_type(shm)
    uk = [lib.image(build, "sqlite", "linuxu"), "linuxu.initrd=" + cpio, "--", *ARGS,
          ".read test.sql"]
    host = [sqlite3, *ARGS, ".read test.sql"]
    rounds = 7
    walls = {"uk": [], "host": []}
    for _ in range(rounds + 1):
        walls["uk"].append(timed(uk, "sqlite on linuxu"))
        d = tempfile.mkdtemp(prefix="tessera-sqlite.", dir=shm)
        try:
            for n in ("test.sql", "empty"):
                shutil.copy(os.path.join(root, n), d)
            walls["host"].append(timed(host, "sqlite3 built for the host", d))
        finally:
            shutil.rmtree(d, ignore_errors=True)
    # The first round warms the page cache and is left out.
    uk_s, host_s = (statistics.median(walls[k][1:]) for k in ("uk", "host"))
    version = subprocess.run([sqlite3, "--version"], capture_output=True,
                             text=True).stdout.split()[0]
    print("sqlite: 60000 inserts (apps/sqlite/mktest 60000 inserts-only, transactions of"
          " 1000), whole process, median of %d interleaved rounds:" % rounds)
    print("sqlite: sqlite3 %s built for the host from the image's source (gcc %s, static,"
          " glibc), database on %s (%s): %.3f s (baseline)"
          % (version, " ".join(f for f in flags if f.startswith(("-O", "-D"))), fs, shm,
             host_s))
    ratios = sorted(h / u for h, u in zip(walls["host"][1:], walls["uk"][1:]))
    print("sqlite: sqlite_linuxu-x86_64 (musl, database on ramfs): %.3f s; host time / image"
          " time %.2f (goal >= 1.2); per-round %.2f - %.2f"
          % (uk_s, host_s / uk_s, ratios[0], ratios[-1]))
    if not lib.have_qemu():
        print("sqlite: kvm skipped, qemu-system-x86_64 is not installed")
        return
    kimg = lib.image(build, "sqlite", "kvm")
    kvm = {}
    for script, expect in (("test.sql", "count(*)\n60000\n"), ("nop.sql", "nop\n")):
        argv = lib.qemu_argv(kimg, 256, ["-initrd", cpio, "-append",
                                         " ".join(["--", *ARGS, "'.read %s'" % script])])
        kvm[script] = []
        for _ in range(3):
            t0 = time.perf_counter()
            out, code = lib.qemu_run(argv, 300)
            kvm[script].append(time.perf_counter() - t0)
            if code != 1 or expect not in out.replace("\r", ""):
                lib.fail("sqlite on kvm (%s) exited with %d: %s" % (script, code, out[-2000:]))
    ins, nop = (statistics.median(kvm[k]) for k in ("test.sql", "nop.sql"))
    print("sqlite: sqlite_kvm-x86_64 (TCG, -m 256, ramfs), whole QEMU run, median of 3:"
          " %.2f s; the same with a one-statement script %.2f s; the inserts %.2f s,"
          " %.2fx the host's time (report only)" % (ins, nop, ins - nop, (ins - nop) / host_s))
