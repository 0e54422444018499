#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The tree's lint (support/lint/run, doc/style.md): the C format against
# .clang-format, cppcheck on our C, ShellCheck on our scripts; that
# each check catches what it is there for (a bad file fails it); and the
# benchmark report generator.
. "$(dirname "$0")/lib.sh"

for c in format cppcheck shellcheck; do
	if out=$("$UK_ROOT/support/lint/run" "$c" 2>&1); then
		pass "lint: $c ($(tail -n 1 <<<"$out"))"
	else
		fail "lint: $c" "$out" 60
	fi
done

# The checks can fail: a misformatted file, a defect and a script bug.
printf 'int f(int x){\n  return x;}\n' >"$T/bad.c"
printf 'int g(void)\n{\n\tint a[4];\n\n\treturn a[4];\n}\n' >"$T/oob.c"
printf '#!/bin/bash\nrm -rf "$dir"/ $1\n[ $x == 1 ]\n' >"$T/bad.sh"
why=
"$UK_ROOT/support/lint/format-check" "$T/bad.c" >"$T/f.out" 2>&1 &&
	why+=$'\n'"format-check passed a misformatted file"
cppcheck -q --error-exitcode=1 "$T/oob.c" >"$T/c.out" 2>&1 &&
	why+=$'\n'"cppcheck passed an out-of-bounds read"
shellcheck -S warning "$T/bad.sh" >"$T/s.out" 2>&1 &&
	why+=$'\n'"shellcheck passed an unset variable in rm -rf"
grep -q 'arrayIndexOutOfBounds' "$T/c.out" || why+=$'\n'"cppcheck: $(cat "$T/c.out")"
if [ -z "$why" ]; then
	pass "lint: each check fails on a bad file"
else
	fail "lint: each check fails on a bad file" "$why"
fi

# The benchmark report (support/bench/report.py): given known figures,
# a page whose tags balance, with no script and nothing fetched, one chart
# per benchmark and every ratio in it, and none from a line without one.
cat >"$T/bench.log" <<'EOB'
alpha: one thing: 100 ops/s; ratio 0.50 (per round 0.40 - 0.60)
alpha: other thing on linuxu over tap: 2000 requests/s; ratio 1.25
beta: image size, kvm: 1000 bytes, 0.67 of the 1.5 MiB goal
beta: kvm (TCG), -c 5: SET 10/s (0.34 of the host; p99 1 ms), GET 20/s (0.42 of the host; p99 2 ms)
gamma: 3.75 requests/s, nothing to compare with (report only)
  CONFIG  noise
EOB
if out=$("$UK_ROOT/support/bench/report.py" -o "$T/report.html" --svg-dir "$T/svg" "$T/bench.log" 2>&1) &&
	why=$(python3 - "$T/report.html" "$T/svg" <<'EOP'
import html.parser, os, re, sys
page = open(sys.argv[1]).read()
why = []
class P(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "link", "rect", "line", "path"}
    def __init__(self):
        super().__init__(); self.stack = []; self.svgs = 0; self.texts = []
    def handle_starttag(self, t, a):
        self.svgs += t == "svg"
        if t not in self.VOID: self.stack.append(t)
    def handle_startendtag(self, t, a): pass
    def handle_endtag(self, t):
        if t in self.VOID: return
        if not self.stack or self.stack[-1] != t:
            why.append("</%s> closes <%s>" % (t, self.stack[-1] if self.stack else "nothing"))
        else: self.stack.pop()
    def handle_data(self, d): self.texts.append(d)
p = P(); p.feed(page); p.close()
if p.stack: why.append("unclosed: %s" % p.stack)
if p.svgs != 2: why.append("%d charts, want 2 (alpha, beta)" % p.svgs)
text = " ".join(p.texts)
svg = "".join(open(os.path.join(sys.argv[2], f)).read() for f in os.listdir(sys.argv[2]))
for v in ("0.50", "1.25", "0.67", "0.34", "0.42"):
    if page.count(">%s</text>" % v) != 1 or svg.count(">%s</text>" % v) != 1:
        why.append("ratio %s: not once in the page's chart and once in the SVG files" % v)
    if page.count('<td class="n">%s</td>' % v) != 1:
        why.append("ratio %s: not once in the page's table" % v)
if "3.75" in text or "gamma" in text: why.append("a line without a ratio was charted")
if re.search(r"<script|https?://(?!www\.w3\.org/2000/svg)", page): why.append("script or a fetched URL")
if sorted(os.listdir(sys.argv[2])) != ["alpha.svg", "beta.svg"]:
    why.append("svg files: %s" % sorted(os.listdir(sys.argv[2])))
print("\n".join(why))
EOP
) && [ -z "$why" ]; then
	pass "bench report: charts and tables hold the given ratios, valid self-contained HTML"
else
	fail "bench report: charts and tables hold the given ratios, valid self-contained HTML" "$out"$'\n'"$why"
fi
