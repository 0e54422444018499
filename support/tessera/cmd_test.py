# SPDX-License-Identifier: BSD-3-Clause
"""tessera test: build and run the unit tests of an app or a library."""
import os
import subprocess

import cmd_build
import tlib

HELP = "build and run the unit tests (uktest) of the app or library"


def main(args):
    return tlib.guard(run, args)


def run(args):
    p = tlib.ArgParser(
        prog="tessera test",
        description="An application: build it with its APP_<NAME>_TEST "
        "option in build/test (its own .config there, from the app's) and "
        "run the image, which runs the unit tests in tests/. A library: "
        "build and run its test image (the tree's apps/unittest with the "
        "library and LIB<NAME>_TEST). The exit status is the image's: 0 "
        "when no case failed. ARGS after -- filter the cases by "
        "'suite.case' prefix.")
    p.add_argument("-p", "--plat", choices=("linuxu", "kvm"), default="linuxu",
                   metavar="PLAT", help="linuxu (default) or kvm")
    p.add_argument("--set", action="extend", nargs="+", default=[],
                   metavar="OPTION=VALUE", help="as for tessera build")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   metavar="N")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("args", nargs="*", metavar="ARGS")
    a = p.parse_args(args)
    proj = tlib.Project(".")
    syms = tlib.kconfig_symbols(proj)
    a.plat, plat, a.libc = a.plat, a.plat, None
    want = cmd_build.overrides(proj, a, syms)
    if proj.kind == "app":
        build_dir = os.path.join(proj.build_dir, "test")
        config = os.path.join(build_dir, ".config")
        want = {f"APP_{tlib.ident(proj.name).upper()}_TEST": "y", **want}
        base = proj.config if os.path.exists(proj.config) else None
        if base is None and os.path.exists(config):
            base = config
    else:
        build_dir, config, base = proj.build_dir, proj.config, None
        want = {"LIBUKTEST": "y", proj.symbol: "y",
                proj.symbol + "_TEST": "y", **want}
    if not os.path.exists(os.path.join(proj.root, "support/scripts/run")):
        tlib.fail(f"{proj.root} has no support/scripts/run")
    cmd_build.configure(proj, want, syms, build_dir, config, base)
    cmd_build.build(proj, a.jobs, a.verbose, build_dir, config)
    img = proj.image(plat, build_dir)
    env = dict(os.environ)
    env.setdefault("TIMEOUT", "300")
    return subprocess.call([os.path.join(proj.root, "support/scripts/run"),
                            img] + a.args, env=env)
