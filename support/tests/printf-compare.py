#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Compare a libc's printfcheck output with the host's (glibc), leaving out
the cases where the C standard lets implementations differ and newlib does:
%p of a null pointer ("(nil)" is glibc's), %a of subnormals (normalised or
not), %La (the leading hex digit is the implementation's choice), and
digits past the 40th significant one in %f/%e (newlib's dtoa prints zeros
there). Prints one line per remaining difference, then
"compared N cases, left out M"; exits 1 on a difference.
usage: printf-compare.py HOST IMAGE FIRST-LONG-DOUBLE-%a-CASE"""
import re
import sys


def cases(path):
    out = {}
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"printf-case (\d+): (.*)$", line.rstrip("\n"))
            if m:
                out[int(m.group(1))] = m.group(2)
    return out


def digits_past_40(text):
    return any(len(d.lstrip("0")) > 40
               for d in re.findall(r"[0-9][0-9.]{40,}", text.replace(".", "")))


host, image, first_la = cases(sys.argv[1]), cases(sys.argv[2]), int(sys.argv[3])
compared = left_out = bad = 0
for nr, want in sorted(host.items()):
    if nr >= first_la:
        continue
    got = image.get(nr)
    if got == want:
        compared += 1
        continue
    if ("(nil)" in want or re.search(r"0[xX]0\.0*[1-9a-fA-F]?[pP]?-1022", want)
            or re.search(r"0[xX]0[pP]-1022", want) or digits_past_40(want)):
        left_out += 1
        continue
    bad += 1
    print(f"case {nr}: host {want!r}\n{'':>{len(str(nr)) + 6}}image {got!r}")
print(f"compared {compared} cases, left out {left_out}")
sys.exit(1 if bad else 0)
