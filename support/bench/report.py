#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The benchmarks' figures as a page of charts: ratios against the
baselines measured in the same run, one bar chart per benchmark.

usage: support/bench/report.py [-o REPORT.html] [--svg-dir DIR]
                               [--bench NAME]... LOG...

Reads what support/bench/run printed (LOG; - for standard input). Every
line "NAME: ..." that holds a ratio ("ratio 0.67", "(0.21 of the host",
"0.67 of the 1.5 MiB goal", "1.17x over") is one bar; the bars of a
benchmark form one chart with a line at 1 (the baseline). The page is
self-contained: inline SVG and CSS, no script, nothing fetched. With
--svg-dir, each chart is also written as DIR/NAME.svg (doc/bench/).
--bench NAME keeps that benchmark's lines only (repeatable).
support/bench/run writes build/bench/report.html this way after a run.
"""
import html
import os
import re
import sys

# One figure: (benchmark, label, ratio, the line it came from).
LINE = re.compile(r"^([a-z][a-z0-9_-]*): (.*)$")
NUM = r"(\d+(?:\.\d+)?)"
RATIO = re.compile(r"\bratio " + NUM + r"|\(" + NUM + r" of the ([a-z]+)[;)]"
                   r"|\b" + NUM + r" of the ([^,;()]*?goal)\b|\b" + NUM + r"x (over|under)\b")


def _label(text):
    """A short label from the text before a figure: up to the first
    number, without parenthesised details."""
    text = re.sub(r"\([^)]*\)", " ", text)
    words = []
    for w in text.split():
        if re.match(r"^[\d.]+(/s|%|x)?[,;:]?$", w):
            break
        words.append(w)
    return re.sub(r" ([,;:])", r"\1", " ".join(words)).strip(" ,:;")


def _head(text):
    """The first two comma-separated parts of a heading."""
    text = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", "", text))
    return ",".join(text.split(",")[:2]).strip(" :")


def parse(lines):
    """The figures in LINES, in order: a list of (bench, label, ratio, line)."""
    figs = []
    group = {}
    for raw in lines:
        m = LINE.match(raw.rstrip("\n"))
        if not m:
            continue
        bench, text = m.groups()
        matches = list(RATIO.finditer(text))
        if not matches:
            # "-c 50 -P 1, 100000 requests a test (...):" heads the
            # indented lines after it.
            if text.rstrip().endswith(":"):
                group[bench] = _head(text).split(",")[0]
            continue
        start = 0
        for r in matches:
            before = text[start:r.start()]
            if len(matches) > 1:
                # "...: SET 8764/s (0.34 of the host; ...), GET ...": each
                # figure is labelled by its own stretch, after the heading.
                label = _head(text[:matches[0].start()].split(": ")[0]) + ": " + \
                    _label(re.split(r"\), |: ", before)[-1])
            else:
                label = _label(before)
                if text.startswith(" ") and group.get(bench):
                    label = group[bench] + ": " + label
            # "SET host 69979 linuxu 46598 ... ratio": the image against the host.
            label = re.sub(r" host$", "", label or bench)
            if "goal" in r.group(0) or "over" in r.group(0) or "under" in r.group(0):
                label += " (of the goal)"
            value = float(next(g for g in r.groups() if g and re.match(NUM, g)))
            figs.append((bench, label, value, text.strip()))
            start = r.end()
    return figs


def svg_chart(bench, figs, width=720):
    """A horizontal bar chart of FIGS (of one benchmark) as an SVG element:
    one bar per ratio, a dashed line at 1 (the baseline)."""
    bar, gap, left, right, top = 18, 6, 300, 60, 28
    top_value = max([1.0] + [f[2] for f in figs]) * 1.1
    scale = (width - left - right) / top_value
    height = top + len(figs) * (bar + gap) + 24
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="sans-serif" font-size="12" role="img">'
           % (width, height, width, height),
           '<title>%s: ratios against the baselines (1 = the baseline)</title>' % html.escape(bench),
           '<text x="4" y="16" font-weight="bold" font-size="14">%s</text>' % html.escape(bench)]
    for i, (_, label, value, line) in enumerate(figs):
        y = top + i * (bar + gap)
        w = max(1.0, value * scale)
        short = label if len(label) <= 46 else label[:45] + "\u2026"
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                   % (left - 6, y + bar - 5, html.escape(short)))
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="#3b7dd8"><title>%s</title></rect>'
                   % (left, y, w, bar, html.escape(line)))
        out.append('<text x="%.1f" y="%d">%s</text>' % (left + w + 4, y + bar - 5, "%.2f" % value))
    x1 = left + scale
    out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333" stroke-dasharray="4 3"/>'
               % (x1, top - 4, x1, height - 20))
    out.append('<text x="%.1f" y="%d" text-anchor="middle">1 = the baseline</text>' % (x1, height - 6))
    out.append('</svg>')
    return "\n".join(out)


def by_bench(figs):
    groups = {}
    for f in figs:
        groups.setdefault(f[0], []).append(f)
    return groups


def html_page(figs, title="Tessera benchmarks", source=""):
    """The whole page: a chart and a table per benchmark."""
    parts = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
             '<title>%s</title>' % html.escape(title),
             '<style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}'
             'table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;'
             'padding:2px 6px;text-align:left}td.n{text-align:right}</style>',
             '</head>', '<body>', '<h1>%s</h1>' % html.escape(title)]
    if source:
        parts.append('<p>From %s. Each bar is a ratio against the baseline measured in '
                     'the same run, or against a goal (image sizes); the dashed line '
                     'is 1. Whether more is better depends on the figure: see '
                     'doc/benchmarks.md.</p>' % html.escape(source))
    if not figs:
        parts.append('<p>No ratios in the output.</p>')
    for bench, bf in by_bench(figs).items():
        parts.append('<h2 id="%s">%s</h2>' % (html.escape(bench), html.escape(bench)))
        parts.append(svg_chart(bench, bf))
        parts.append('<table><tr><th>figure</th><th>ratio</th><th>line</th></tr>')
        for _, label, value, line in bf:
            parts.append('<tr><td>%s</td><td class="n">%.2f</td><td>%s</td></tr>'
                         % (html.escape(label), value, html.escape(line)))
        parts.append('</table>')
    parts += ['</body>', '</html>', '']
    return "\n".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main(argv):
    out, svg_dir, logs, only = None, None, [], []
    it = iter(argv)
    for a in it:
        if a == "-o":
            out = next(it, None)
        elif a == "--svg-dir":
            svg_dir = next(it, None)
        elif a == "--bench":
            only.append(next(it, ""))
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            logs.append(a)
    if not logs or (out is None and svg_dir is None):
        sys.stderr.write("usage: report.py [-o REPORT.html] [--svg-dir DIR] [--bench NAME]... LOG...\n")
        return 2
    lines = []
    for log in logs:
        try:
            with (sys.stdin if log == "-" else open(log, errors="replace")) as f:
                lines += f.readlines()
        except OSError as e:
            sys.stderr.write("report.py: cannot read %s: %s\n" % (log, e.strerror))
            return 1
    figs = [f for f in parse(lines) if not only or f[0] in only]
    if out:
        write(out, html_page(figs, source=", ".join(os.path.basename(l) for l in logs)))
    if svg_dir:
        for bench, bf in by_bench(figs).items():
            write(os.path.join(svg_dir, bench + ".svg"), svg_chart(bench, bf) + "\n")
    print("report: %d ratios from %d benchmarks%s%s" % (
        len(figs), len(by_bench(figs)), " in " + out if out else "",
        ", charts in " + svg_dir if svg_dir else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
