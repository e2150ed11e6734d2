# Start, end and least-squares slope per hour (after a warm-up) of each column of tools/bench/soak.sh samples.csv:
#   soak-slope.py SAMPLES.csv [WARMUP_SECONDS]
import csv, sys
from whole_number import arguments, readable_file, refuse, whole_number
arguments("soak-slope.py SAMPLES.csv [WARMUP_SECONDS]", 1, 2)
warm = whole_number("WARMUP_SECONDS", sys.argv[2], least=0) if len(sys.argv) > 2 else 600
rows = list(csv.DictReader(open(readable_file("SAMPLES.csv", sys.argv[1]))))
# A slope needs two samples after the warm-up, in soak.sh's columns.
if not rows or 'elapsed_s' not in rows[0] or len([r for r in rows if int(r['elapsed_s']) >= warm]) < 2:
    refuse("SAMPLES.csv", sys.argv[1], f"soak.sh's samples, two or more after the warm-up ({warm} s)")
cols = [c for c in rows[0] if c not in ('utc', 'elapsed_s')]
w = [r for r in rows if int(r['elapsed_s']) >= warm]
print(f"samples {len(rows)}, after warm-up ({warm} s) {len(w)}, span {rows[0]['utc']} .. {rows[-1]['utc']}")
print(f"| series | start | end | min..max after warm-up | slope per hour after warm-up (least squares) |")
print("|---|---|---|---|---|")
for c in cols:
    xs = [int(r['elapsed_s']) / 3600 for r in w]; ys = [float(r[c]) for r in w]
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    print(f"| {c} | {rows[0][c]} | {rows[-1][c]} | {min(ys):.0f}..{max(ys):.0f} | {b:+.1f} |")
