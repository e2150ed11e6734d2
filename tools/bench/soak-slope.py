# Start, end and least-squares slope per hour (after a warm-up) of each column of tools/bench/soak.sh samples.csv:
#   soak-slope.py SAMPLES.csv [WARMUP_SECONDS]
import csv, sys
from whole_number import arguments, malformed, readable_file, refuse, whole_number
arguments("soak-slope.py SAMPLES.csv [WARMUP_SECONDS]", 1, 2)
warm = whole_number("WARMUP_SECONDS", sys.argv[2], least=0) if len(sys.argv) > 2 else 600
with open(readable_file("SAMPLES.csv", sys.argv[1])) as f:
    rows = list(csv.DictReader(f))
cols = [c for c in rows[0] if c not in ('utc', 'elapsed_s')] if rows else []
# A blank (a jcmd that failed on a loaded machine) or NA (soak.sh's count() when sqlite3 could not read) is a sample not
# taken: that column's figures are of the samples it has, and the table says how many it lacks. Until 2026-12-07 a
# single blank refused the whole file, hours of soak for one missed jcmd. A word or a row cut short (None) is no sample
# soak.sh writes: the file is refused (a traceback, ValueError or TypeError, until 2026-12-07).
NOT_TAKEN = ('', 'NA')
for n, r in enumerate(rows, 2):
    for c in ['elapsed_s'] + cols:
        v = r.get(c)
        if c != 'elapsed_s' and v in NOT_TAKEN:
            continue
        try:
            (int if c == 'elapsed_s' else float)(v or '')
        except ValueError:
            malformed("SAMPLES.csv", sys.argv[1], "soak.sh's samples, a number (or nothing, a sample not taken) in each"
                      " column", f"{c} is '{v or ''}'", n)
# A slope needs two samples after the warm-up, in soak.sh's columns, at two times (not all at one: a division by 0).
w = [r for r in rows if int(r['elapsed_s']) >= warm]
if len({r['elapsed_s'] for r in w}) < 2:
    refuse("SAMPLES.csv", sys.argv[1], f"soak.sh's samples, two or more after the warm-up ({warm} s)")
print(f"samples {len(rows)}, after warm-up ({warm} s) {len(w)}, span {rows[0].get('utc')} .. {rows[-1].get('utc')}")
print(f"| series | start | end | min..max after warm-up | slope per hour after warm-up (least squares) | not taken |")
print("|---|---|---|---|---|---|")


def first_taken(rs, c):
    return next((r[c] for r in rs if r[c] not in NOT_TAKEN), '-')


for c in cols:
    taken = [r for r in w if r[c] not in NOT_TAKEN]
    missing = sum(1 for r in rows if r[c] in NOT_TAKEN)
    start, end = first_taken(rows, c), first_taken(reversed(rows), c)
    if len({r['elapsed_s'] for r in taken}) < 2:
        print(f"| {c} | {start} | {end} | - | - (fewer than two samples after the warm-up) | {missing} |")
        continue
    xs = [int(r['elapsed_s']) / 3600 for r in taken]; ys = [float(r[c]) for r in taken]
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    print(f"| {c} | {start} | {end} | {min(ys):.0f}..{max(ys):.0f} | {b:+.1f} | {missing} |")
