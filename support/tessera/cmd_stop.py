# SPDX-License-Identifier: BSD-3-Clause
"""tessera stop NAME: end a detached instance and remove its state."""
import os
import shutil
import signal
import time

import tlib

HELP = "stop a detached instance (SIGTERM, then SIGKILL) and remove it"


def wait_gone(pgid, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not tlib.group_alive(pgid):
            return True
        time.sleep(0.1)
    return not tlib.group_alive(pgid)


def main(args):
    return tlib.guard(run, args)


def run(args):
    p = tlib.ArgParser(
        prog="tessera stop",
        description="Stop a detached instance: SIGTERM to the image (QEMU "
        "or the linuxu process) and its wrapper, SIGKILL after the "
        "timeout; then remove its state and log. An instance that has "
        "ended, or whose process is gone (stale), is only removed.")
    p.add_argument("name", metavar="NAME")
    p.add_argument("-t", "--timeout", type=float, default=10, metavar="S",
                   help="seconds to wait after SIGTERM (default 10)")
    a = p.parse_args(args)
    inst = tlib.instance(a.name)
    how = None
    if inst.running():
        pgid = inst.info.get("pgid") or inst.info["pid"]
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        how = "stopped"
        if not wait_gone(pgid, a.timeout):
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            how = f"killed (still running {a.timeout:g} s after SIGTERM)"
            if not wait_gone(pgid, 5):
                tlib.fail(f"{a.name}: processes {tlib.group_alive(pgid)} "
                          "survive SIGKILL; its state is kept")
    else:
        how = "was " + inst.state()
    shutil.rmtree(inst.dir)
    print(f"{a.name} {how}; removed")
    return 0
