# SPDX-License-Identifier: BSD-3-Clause
"""Shared helpers of the tessera subcommands (standard library only).

Exports:
  ROOT                  the Tessera tree this command belongs to
  Error(msg, hint)      a user-facing error; fail(msg, hint) raises it
  UsageError            an Error for bad arguments (exit status 2)
  guard(fn, args)       run a subcommand body, turn Error into a message
                        and an exit status (1, or 2 for UsageError)
  ArgParser(prog, ...)  argparse that reports bad arguments as UsageError
  Project(path)         the app or library folder at path (kind, name,
                        root, make command, build folder, .config)
  kconfig_symbols(proj) every option of the merged Kconfig: Symbol objects
  read_config(path)     {CONFIG_NAME: value} of a .config or auto.conf
  state_root()          where detached instances keep their state
  ident(name)           a name as a C identifier / Kconfig symbol part
  check_name(name, what) refuse a name that cannot be a folder/symbol
  Instance(name)        a detached instance's state (info, log, status),
                        instances() all of them, proc_alive(pid, start),
                        group_alive(pgid), proc_start(pid)
"""
import argparse
import glob
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PLATFORMS = ("linuxu", "kvm", "xen")
ARCH = "x86_64"


class Error(Exception):
    status = 1

    def __init__(self, msg, hint=None):
        super().__init__(msg)
        self.msg = msg
        self.hint = hint


class UsageError(Error):
    status = 2


def fail(msg, hint=None):
    raise Error(msg, hint)


def usage_fail(msg, hint=None):
    raise UsageError(msg, hint)


def say(msg):
    print(f"tessera: {msg}", file=sys.stderr)


def guard(fn, args):
    try:
        return fn(args)
    except Error as e:
        print(f"tessera: error: {e.msg}", file=sys.stderr)
        if e.hint:
            print(f"  hint: {e.hint}", file=sys.stderr)
        return e.status


class ArgParser(argparse.ArgumentParser):
    """argparse whose errors name the command and exit with status 2."""

    def error(self, message):
        raise UsageError(f"{self.prog}: {message}",
                         f"'{self.prog} --help' lists the options")


def ident(name):
    return name.replace("-", "_")


NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def check_name(name, what):
    if not NAME_RE.match(name):
        usage_fail(f"'{name}' is not a valid {what} name",
                   "use 1 to 40 lower-case letters, digits, '_' or '-', "
                   "starting with a letter (it becomes a C and Kconfig "
                   "name)")


def _make_var(text, var):
    """The value of 'VAR ?= value' (or := or =) in a Makefile's text."""
    m = re.search(rf"^\s*{var}\s*[:?]?=\s*(.*?)\s*$", text, re.M)
    return m.group(1) if m else None


class Project:
    """An application (Makefile with app.mk) or a library (Config.uk
    defining LIB<NAME>) folder. A library builds as the tree's
    apps/unittest with the library given in L=: its unit-test image."""

    def __init__(self, path="."):
        self.dir = os.path.realpath(path)
        self.name = os.path.basename(self.dir)
        mk = os.path.join(self.dir, "Makefile")
        cfg = os.path.join(self.dir, "Config.uk")
        if not os.path.exists(os.path.join(self.dir, "Makefile.uk")):
            fail(f"{self.dir} is neither a Tessera application nor a "
                 "library (no Makefile.uk)",
                 "run tessera in the folder 'tessera new' made, or make "
                 "one with 'tessera new NAME'")
        text = open(mk).read() if os.path.exists(mk) else ""
        self.extra_libs = []
        if "support/build/app.mk" in text:
            self.kind = "app"
            root = os.environ.get("UK_ROOT") or _make_var(text, "UK_ROOT")
            if root and "$(CURDIR)" in root:
                root = root.replace("$(CURDIR)", self.dir)
            if not root or "$" in root:
                root = ROOT
            libs = os.environ.get("L") or _make_var(text, "L") or ""
            self.extra_libs = [os.path.realpath(os.path.join(self.dir, p))
                               for p in libs.split(":") if p and "$" not in p]
        else:
            sym = "LIB" + ident(self.name).upper()
            ctext = open(cfg).read() if os.path.exists(cfg) else ""
            if not re.search(rf"^\s*(menu)?config\s+{sym}\s*$", ctext, re.M):
                fail(f"{self.dir} is neither an application (its Makefile "
                     "does not include support/build/app.mk) nor a library "
                     f"(its Config.uk does not define {sym})",
                     "see doc/tessera.md for the two kinds of folder")
            self.kind = "lib"
            self.symbol = sym
            root = os.environ.get("UK_ROOT") or ROOT
        self.root = os.path.realpath(root)
        if not os.path.exists(os.path.join(self.root,
                                           "support/build/app.mk")):
            fail(f"the Tessera tree {self.root} (UK_ROOT) does not exist "
                 "or is not a Tessera tree",
                 f"fix UK_ROOT in {mk} or set UK_ROOT=/path/to/tessera")
        self.build_dir = os.path.join(self.dir, "build")
        self.config = os.path.join(self.dir, ".config")
        if self.kind == "app":
            self.app_dir = self.dir
            self.image_name = self.name
            self.defconfig = os.path.join(self.dir, "defconfig")
        else:
            self.app_dir = os.path.join(self.root, "apps/unittest")
            self.image_name = "unittest"
            self.defconfig = None
            self.extra_libs = [self.dir]

    def make_cmd(self, build_dir=None, config=None):
        """make with this project's A=, L=, O= and C=."""
        cmd = ["make", "--no-print-directory", "-C", self.root,
               f"A={self.app_dir}",
               f"O={build_dir or self.build_dir}",
               f"C={config or self.config}"]
        if self.extra_libs:
            cmd.append("L=" + ":".join(self.extra_libs))
        return cmd

    def image(self, plat, build_dir=None):
        return os.path.join(build_dir or self.build_dir,
                            f"{self.image_name}_{plat}-{ARCH}")


class Symbol:
    def __init__(self, name, where):
        self.name = name
        self.where = where          # "file:line"
        self.type = None            # bool, tristate, int, hex, string
        self.depends = []           # "depends on" expressions and "if" blocks
        self.choice = None          # "file:line" of its choice block
        self.prompt = False         # shown in the menu: settable by hand


def kconfig_files(proj):
    r = proj.root
    files = [os.path.join(r, "Config.uk")]
    for pat in ("arch/Config.uk", "arch/*/Config.uk", "arch/*/*/Config.uk",
                "plat/Config.uk", "plat/*/Config.uk", "plat/*/*/Config.uk",
                "lib/*/Config.uk"):
        files += sorted(glob.glob(os.path.join(r, pat)))
    for d in proj.extra_libs + [proj.app_dir]:
        f = os.path.join(d, "Config.uk")
        if os.path.exists(f):
            files.append(f)
    return files


def kconfig_symbols(proj):
    """Parse the Config.uk files the build merges (what kconfig.mk
    gives kconfig-conf) for each option's type, place and dependencies."""
    syms = {}
    for path in kconfig_files(proj):
        ifs = []
        cur = None
        in_choice = None
        for n, line in enumerate(open(path, errors="replace"), 1):
            s = line.strip()
            m = re.match(r"(menu)?config\s+([A-Za-z0-9_]+)$", s)
            if m:
                name = m.group(2)
                cur = syms.get(name) or Symbol(name, f"{path}:{n}")
                syms[name] = cur
                cur.depends += [f"{c} (the 'if' block around it)"
                                for c in ifs]
                cur.choice = cur.choice or in_choice
                continue
            word = s.split()[0] if s else ""
            if word == "if":
                ifs.append(s[3:].strip())
                cur = None
            elif word == "endif":
                if ifs:
                    ifs.pop()
                cur = None
            elif word == "choice":
                in_choice = f"{path}:{n}"
                cur = None
            elif word == "endchoice":
                in_choice = None
                cur = None
            elif word in ("menu", "endmenu", "comment", "source",
                          "mainmenu"):
                cur = None
            elif cur is not None:
                if word in ("bool", "tristate", "int", "hex", "string"):
                    cur.type = cur.type or word
                    cur.prompt = cur.prompt or '"' in s
                elif word == "prompt":
                    cur.prompt = True
                elif s.startswith("depends on"):
                    cur.depends.append(s[len("depends on"):].strip())
    return syms


def read_config(path):
    vals = {}
    if not os.path.exists(path):
        return vals
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"^(CONFIG_[A-Za-z0-9_]+)=(.*)$", line)
        if m:
            vals[m.group(1)] = m.group(2)
            continue
        m = re.match(r"^# (CONFIG_[A-Za-z0-9_]+) is not set$", line)
        if m:
            vals[m.group(1)] = "n"
    return vals


def state_root():
    """Detached instances' state: $TESSERA_STATE_DIR, else
    $XDG_RUNTIME_DIR/tessera/instances, else
    ~/.local/state/tessera/instances."""
    d = os.environ.get("TESSERA_STATE_DIR")
    if not d:
        xdg = os.environ.get("XDG_RUNTIME_DIR")
        if xdg and os.path.isdir(xdg):
            d = os.path.join(xdg, "tessera/instances")
        else:
            d = os.path.expanduser("~/.local/state/tessera/instances")
    return d


def proc_stat(pid):
    """(state, pgrp, starttime) of a process from /proc, or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return rest[0], int(rest[2]), int(rest[19])


def proc_start(pid):
    st = proc_stat(pid)
    return st[2] if st else None


def proc_alive(pid, start=None):
    """pid runs (not a zombie) and, when start is given, is the process
    that started then (not a later one that reuses the number)."""
    st = proc_stat(pid)
    return bool(st) and st[0] != "Z" and (start is None or st[2] == start)


def group_alive(pgid):
    """Live (non-zombie) processes of process group pgid."""
    pids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            st = proc_stat(d)
            if st and st[1] == pgid and st[0] != "Z":
                pids.append(int(d))
    return pids


class Instance:
    """A detached instance: STATE/NAME/ holds info.json (what was
    started), console.log (its output) and status (its exit status,
    written when it ends)."""

    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(state_root(), name)
        self.info_path = os.path.join(self.dir, "info.json")
        self.log = os.path.join(self.dir, "console.log")
        self.status_path = os.path.join(self.dir, "status")
        self.info = {}
        if os.path.exists(self.info_path):
            try:
                with open(self.info_path) as f:
                    self.info = json.load(f)
            except (OSError, ValueError):
                self.info = {}

    def exists(self):
        return os.path.isdir(self.dir)

    def save(self):
        with open(self.info_path + ".new", "w") as f:
            json.dump(self.info, f, indent=1)
        os.replace(self.info_path + ".new", self.info_path)

    def exit_status(self):
        try:
            with open(self.status_path) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def running(self):
        pid = self.info.get("pid")
        return bool(pid) and proc_alive(pid, self.info.get("start"))

    def state(self):
        """running, exited (N), or stale: the process is gone without
        leaving its status (killed from outside, or the machine
        restarted)."""
        if not self.info:
            return "stale (no info.json)"
        if self.running():
            return "running"
        st = self.exit_status()
        if st is not None:
            return f"exited ({st})"
        return "stale (process gone)"

    def uptime(self):
        if not self.running():
            return "-"
        s = int(time.time() - self.info.get("started", time.time()))
        if s < 60:
            return f"{s}s"
        if s < 3600:
            return f"{s // 60}m{s % 60:02d}s"
        return f"{s // 3600}h{s // 60 % 60:02d}m"


def instances():
    d = state_root()
    if not os.path.isdir(d):
        return []
    return [Instance(n) for n in sorted(os.listdir(d))
            if os.path.isdir(os.path.join(d, n))]


def instance(name):
    """The instance called name, or an error listing those there are."""
    inst = Instance(name)
    if not inst.exists():
        names = [i.name for i in instances()]
        fail(f"no instance called '{name}' (in {state_root()})",
             ("there are: " + ", ".join(names)) if names else
             "there are none: start one with 'tessera run --detach'")
    return inst
