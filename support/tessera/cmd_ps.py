# SPDX-License-Identifier: BSD-3-Clause
"""tessera ps: the detached instances and what became of them."""
import os

import tlib

HELP = "list detached instances (name, pid, platform, image, status)"


def main(args):
    return tlib.guard(run, args)


def run(args):
    p = tlib.ArgParser(
        prog="tessera ps",
        description="List the instances started with 'tessera run "
        "--detach': running, exited (with the exit status) or stale (the "
        "process is gone without an exit status: killed from outside or "
        "lost in a restart). 'tessera stop NAME' removes any of them.")
    p.parse_args(args)
    rows = [("NAME", "PID", "PLATFORM", "IMAGE", "STATUS", "UPTIME")]
    home = os.path.expanduser("~")
    for inst in tlib.instances():
        i = inst.info
        img = i.get("image", "?")
        if img.startswith(home + "/"):
            img = "~" + img[len(home):]
        rows.append((inst.name, str(i.get("pid", "?")),
                     i.get("platform", "?"), img, inst.state(),
                     inst.uptime()))
    if len(rows) == 1:
        print(f"no instances (in {tlib.state_root()})")
        return 0
    w = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for r in rows:
        print("  ".join(x.ljust(w[c]) for c, x in enumerate(r)).rstrip())
    return 0
