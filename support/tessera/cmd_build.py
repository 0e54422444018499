# SPDX-License-Identifier: BSD-3-Clause
"""tessera build: configure without menus, then build with progress."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import tlib

HELP = "configure (platforms, C library, options) and build the image"

LIBCS = ("nolibc", "musl", "newlib")
# Build output lines worth showing in the quiet mode: slow steps.
SHOWN_TAGS = ("FETCH", "UNPACK", "DEBIAN", "PATCH", "CACHED", "CONFIG")
# Progress is shown when the build compiles at least this many objects.
PROGRESS_MIN = 20


def add_config_args(p):
    p.add_argument("-p", "--plat", metavar="PLATS",
                   help="platforms, comma-separated: linuxu,kvm,xen "
                   "(only these are built)")
    p.add_argument("--libc", choices=LIBCS, metavar="LIBC",
                   help="C library: nolibc, musl or newlib")
    p.add_argument("--set", action="extend", nargs="+", default=[],
                   metavar="OPTION=VALUE",
                   help="set a Kconfig option (CONFIG_ prefix optional); "
                   "y/n for a bool, a number, or a string")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   metavar="N", help="parallel compile jobs (default: CPUs)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="show the whole build output")


def parse_plats(text):
    plats = [x.strip() for x in text.split(",") if x.strip()]
    for x in plats:
        if x not in tlib.PLATFORMS:
            tlib.usage_fail(f"unknown platform '{x}'",
                            "choose from " + ", ".join(tlib.PLATFORMS))
    if not plats:
        tlib.usage_fail("-p needs at least one platform",
                        "e.g. -p linuxu or -p linuxu,kvm")
    return plats


def overrides(proj, a, syms):
    """{SYMBOL: .config value} from -p, --libc and --set, checked
    against the merged Kconfig. 'n' means "is not set"."""
    want = {}
    if a.plat:
        plats = parse_plats(a.plat)
        for x in tlib.PLATFORMS:
            want["PLAT_" + x.upper()] = "y" if x in plats else "n"
    if a.libc:
        for x in LIBCS:
            want["LIBC_" + x.upper()] = "y" if x == a.libc else "n"
    for item in a.set:
        if "=" not in item:
            tlib.usage_fail(f"--set {item}: expected OPTION=VALUE",
                            "e.g. --set LIBVFSCORE=y or "
                            "--set APP_HELLO_GREETING=Hi")
        name, val = item.split("=", 1)
        name = name.strip()
        if name.startswith("CONFIG_"):
            name = name[len("CONFIG_"):]
        sym = syms.get(name)
        if sym is None:
            near = [s for s in syms if name.lower() in s.lower()][:5]
            tlib.fail(f"--set {item}: no option CONFIG_{name} in this tree, "
                      f"its libraries or {proj.name}",
                      ("did you mean " + ", ".join(near) + "?") if near else
                      "'make menuconfig' shows the options (with '/' to "
                      "search)")
        if sym.type is None:
            tlib.fail(f"--set {item}: CONFIG_{name} ({sym.where}) cannot be "
                      "set: it has no type of its own here",
                      "set the option that selects it instead")
        t = sym.type
        if t in ("bool", "tristate"):
            if val not in ("y", "n"):
                tlib.fail(f"--set {item}: CONFIG_{name} is a bool: the value "
                          "must be y or n", f"e.g. --set {name}=y")
        elif t == "int":
            if not re.fullmatch(r"-?[0-9]+", val):
                tlib.fail(f"--set {item}: CONFIG_{name} is an int: the value "
                          "must be a decimal number", f"e.g. --set {name}=8")
        elif t == "hex":
            if not re.fullmatch(r"(0x)?[0-9a-fA-F]+", val):
                tlib.fail(f"--set {item}: CONFIG_{name} is hex: the value "
                          "must be a hexadecimal number",
                          f"e.g. --set {name}=0x1000")
            if not val.startswith("0x"):
                val = "0x" + val
        elif t == "string":
            if len(val) >= 2 and val[0] == val[-1] == '"':
                val = val[1:-1]
            if "\n" in val:
                tlib.fail(f"--set: the value of CONFIG_{name} holds a "
                          "newline", "give a one-line string")
            val = '"' + val.replace("\\", "\\\\").replace('"', '\\"') + '"'
        want[name] = val
        if sym.choice and val == "y":
            # One member of a choice: the others go off (kconfig refuses
            # a second member set to y).
            for other in syms.values():
                if other.choice == sym.choice and other.name != name and \
                        other.name not in want:
                    want[other.name] = "n"
    return want


def config_line(name, val):
    return (f"# CONFIG_{name} is not set" if val == "n"
            else f"CONFIG_{name}={val}")


def configure(proj, want, syms, build_dir=None, config=None, base=None):
    """Write the .config: the current one (else the app's defconfig, else
    the defaults) with the lines of want on top, through the tree's
    kconfig (make defconfig, which refuses what kconfig cannot read).
    Options kconfig dropped (unmet dependencies) stop with an error and
    leave the old .config as it was."""
    config = config or proj.config
    build_dir = build_dir or proj.build_dir
    if base is None:
        if os.path.exists(config):
            base = config
        elif proj.defconfig and os.path.exists(proj.defconfig):
            base = proj.defconfig
    lines = []
    if base:
        names = {f"CONFIG_{n}" for n in want}
        for line in open(base):
            m = re.match(r"^(# )?(CONFIG_[A-Za-z0-9_]+)[= ]", line)
            if m and m.group(2) in names:
                continue
            lines.append(line.rstrip("\n"))
    lines += [config_line(n, v) for n, v in want.items()]
    os.makedirs(build_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=build_dir) as tmp:
        frag = os.path.join(tmp, "defconfig")
        out = os.path.join(tmp, "config")
        with open(frag, "w") as f:
            f.write("\n".join(lines) + "\n")
        r = subprocess.run(proj.make_cmd(build_dir, out) +
                           ["defconfig", f"DEFCONFIG={frag}"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stdout.replace(frag, "(the options)"))
            tlib.fail("the configuration was refused (see above); "
                      f"{config} is unchanged")
        got = tlib.read_config(out)
        dropped = []
        for n, v in want.items():
            have = got.get(f"CONFIG_{n}", "n")
            if have != v:
                s = syms.get(n)
                why = ""
                if v == "n" and have == "y":
                    why = (f"; an option that is on selects it ('select "
                           f"{n}' in a Config.uk)")
                elif s and not s.prompt and not s.choice:
                    why = ("; it has no prompt, so only the options that "
                           "select it set it")
                elif s and s.depends:
                    why = "; it depends on " + " and ".join(s.depends)
                elif s and s.choice:
                    why = "; it is one choice of a group"
                dropped.append(f"CONFIG_{n}={v} was not taken (kconfig "
                               f"made it {have}){why} ({s.where if s else '?'})")
        if dropped:
            for d in dropped:
                print(f"  {d}", file=sys.stderr)
            tlib.fail(f"kconfig did not take {len(dropped)} of the options "
                      "(unmet dependencies, or selected by others); "
                      f"{config} is unchanged",
                      "set what they depend on too (in the same command), "
                      "or turn off what selects them")
        if not (os.path.exists(config) and
                open(config).read() == open(out).read()):
            shutil.copyfile(out, config)
    return got


def count_objects(proj, build_dir, config):
    """How many objects the build will compile (CC/AS), from a dry run;
    None when it cannot tell."""
    for d in ("lib", "plat", "arch"):
        # make -n still runs $(file >...) into these folders
        os.makedirs(os.path.join(build_dir, d), exist_ok=True)
    r = subprocess.run(proj.make_cmd(build_dir, config) + ["-n", "all"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    # Reading the Makefile.uk files fetches sources and takes fetched
    # libraries' objects from the cache: those steps show here.
    for line in r.stdout.splitlines():
        m = re.match(r"^  ([A-Z]+) +\S", line)
        if m and m.group(1) in SHOWN_TAGS:
            print(line, flush=True)
    if r.returncode != 0:
        return None
    return len(re.findall(r"^printf '  %-7s %s\\n' '(?:CC|AS)'",
                          r.stdout, re.M))


def build(proj, jobs, verbose=False, build_dir=None, config=None):
    """Run the build; quiet but for slow steps, problems and a progress
    line ([37/412]) on builds of PROGRESS_MIN objects or more."""
    build_dir = build_dir or proj.build_dir
    config = config or proj.config
    total = None if verbose else count_objects(proj, build_dir, config)
    show = total is not None and total >= PROGRESS_MIN
    tty = sys.stdout.isatty()
    cmd = proj.make_cmd(build_dir, config) + [f"-j{jobs}", "all"]
    log_path = os.path.join(build_dir, "tessera-build.log")
    os.makedirs(build_dir, exist_ok=True)
    done = 0
    last_pct = -1
    with open(log_path, "w") as log, subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, bufsize=1) as mk:
        for line in mk.stdout:
            log.write(line)
            if verbose:
                sys.stdout.write(line)
                continue
            m = re.match(r"^  ([A-Z]+) +(\S.*)$", line)
            if m and m.group(1) in ("CC", "AS"):
                done += 1
                if not show:
                    continue
                n = min(done, total) if total else done
                msg = f"[{n}/{total}] {m.group(1)} {m.group(2)}"
                if tty:
                    sys.stdout.write("\r\033[K" + msg[:150])
                    sys.stdout.flush()
                else:
                    pct = 10 * n // total
                    if pct != last_pct or n == total:
                        last_pct = pct
                        print(msg, flush=True)
                continue
            if m and m.group(1) not in SHOWN_TAGS:
                continue
            if tty and show and done:
                sys.stdout.write("\r\033[K")
            sys.stdout.write(line)
            sys.stdout.flush()
        st = mk.wait()
    if tty and show and done:
        sys.stdout.write("\n")
    if st != 0:
        tlib.fail(f"the build failed (make exited with {st}); the whole "
                  f"output is in {log_path}",
                  "fix the error shown above and run tessera build again")
    return done


def images(proj, build_dir=None):
    build_dir = build_dir or proj.build_dir
    return [proj.image(p, build_dir) for p in tlib.PLATFORMS
            if os.path.exists(proj.image(p, build_dir))]


def enabled_images(proj, config_vals, build_dir=None):
    return [proj.image(p, build_dir) for p in tlib.PLATFORMS
            if config_vals.get(f"CONFIG_PLAT_{p.upper()}") == "y"]


def main(args):
    return tlib.guard(run, args)


def run(args):
    p = tlib.ArgParser(
        prog="tessera build",
        description="Configure the application (or library test image) in "
        "the current folder without menus and build it. -p, --libc and "
        "--set change .config (they stay for the next build); without "
        "them the current .config (or the app's defconfig, or the "
        "defaults) is used.")
    add_config_args(p)
    a = p.parse_args(args)
    if a.jobs < 1:
        tlib.usage_fail(f"-j {a.jobs}: need at least 1 job")
    proj = tlib.Project(".")
    syms = tlib.kconfig_symbols(proj)
    want = overrides(proj, a, syms)
    if proj.kind == "lib":
        want = {"LIBUKTEST": "y", proj.symbol: "y",
                proj.symbol + "_TEST": "y", **want}
    vals = None
    if want or not os.path.exists(proj.config):
        vals = configure(proj, want, syms)
    n = build(proj, a.jobs, a.verbose)
    vals = tlib.read_config(proj.config)
    for img in enabled_images(proj, vals):
        if os.path.exists(img):
            kib = (os.path.getsize(img) + 1023) // 1024
            print(f"{os.path.relpath(img)} ({kib} KiB)")
    if n == 0 and not a.verbose:
        print("(nothing to compile: up to date)")
    return 0
