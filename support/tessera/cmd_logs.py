# SPDX-License-Identifier: BSD-3-Clause
"""tessera logs NAME [-f]: a detached instance's console."""
import sys
import time

import tlib

HELP = "print a detached instance's console output (-f: follow)"


def main(args):
    return tlib.guard(run, args)


def run(args):
    p = tlib.ArgParser(
        prog="tessera logs",
        description="Print the console output of a detached instance; "
        "with -f keep printing until it ends (or Ctrl-C).")
    p.add_argument("name", metavar="NAME")
    p.add_argument("-f", "--follow", action="store_true")
    a = p.parse_args(args)
    inst = tlib.instance(a.name)
    out = sys.stdout.buffer
    try:
        f = open(inst.log, "rb")
    except OSError as e:
        tlib.fail(f"{a.name}: cannot read its log {inst.log}: {e.strerror}")
    with f:
        while True:
            data = f.read(65536)
            if data:
                out.write(data)
                out.flush()
                continue
            if not a.follow:
                break
            # Read what is left once more after the end: nothing is lost
            # between the last read and the check.
            if not inst.running():
                data = f.read()
                out.write(data)
                out.flush()
                break
            time.sleep(0.2)
    return 0
