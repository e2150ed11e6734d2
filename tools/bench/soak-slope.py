# Start, end and least-squares slope per hour (after a warm-up) of each column of tools/bench/soak.sh samples.csv:
#   soak-slope.py SAMPLES.csv [WARMUP_SECONDS]
import csv, sys
from whole_number import arguments, malformed, readable_file, refuse, whole_number
arguments("soak-slope.py SAMPLES.csv [WARMUP_SECONDS]", 1, 2)
warm = whole_number("WARMUP_SECONDS", sys.argv[2], least=0) if len(sys.argv) > 2 else 600
with open(readable_file("SAMPLES.csv", sys.argv[1])) as f:
    rows = list(csv.DictReader(f))
cols = [c for c in rows[0] if c not in ('utc', 'elapsed_s')] if rows else []
# Every sample a number in every column: a blank (jcmd gone), a word or a row cut short (None) was a traceback
# (ValueError, TypeError) until 2026-12-07.
for n, r in enumerate(rows, 2):
    for c in ['elapsed_s'] + cols:
        try:
            (int if c == 'elapsed_s' else float)(r.get(c) or '')
        except ValueError:
            malformed("SAMPLES.csv", sys.argv[1], "soak.sh's samples, a number in each column", f"{c} is '{r.get(c) or ''}'", n)
# A slope needs two samples after the warm-up, in soak.sh's columns, at two times (not all at one: a division by 0).
w = [r for r in rows if int(r['elapsed_s']) >= warm]
if len({r['elapsed_s'] for r in w}) < 2:
    refuse("SAMPLES.csv", sys.argv[1], f"soak.sh's samples, two or more after the warm-up ({warm} s)")
print(f"samples {len(rows)}, after warm-up ({warm} s) {len(w)}, span {rows[0].get('utc')} .. {rows[-1].get('utc')}")
print(f"| series | start | end | min..max after warm-up | slope per hour after warm-up (least squares) |")
print("|---|---|---|---|---|")
for c in cols:
    xs = [int(r['elapsed_s']) / 3600 for r in w]; ys = [float(r[c]) for r in w]
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    print(f"| {c} | {rows[0][c]} | {rows[-1][c]} | {min(ys):.0f}..{max(ys):.0f} | {b:+.1f} |")
