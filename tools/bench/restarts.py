#!/usr/bin/env python3
"""How often `orderly simulate` stopped and restarted each vehicle, from its delivered.csv.

  tools/bench/restarts.py OUTDIR [OUTDIR ...]      (e.g. target/compounds/*-orderly)

A run of consecutive steps with a draw is one start; every start after a session's first is a restart, and the
pause before it is the time between the two runs. Prints a line per OUTDIR and, for several, their sum: sessions
that drew, restarts, and restarts after a pause of at most 5 and at most 15 minutes.
"""
import csv
import datetime as dt
import gzip
import os
import sys
from collections import defaultdict


def draws(outdir):
    for name in ("delivered.csv", "delivered.csv.gz"):
        path = os.path.join(outdir, name)
        if os.path.exists(path):
            with (gzip.open(path, "rt") if name.endswith(".gz") else open(path)) as f:
                for row in csv.DictReader(f):
                    if float(row["kw"]) > 0:
                        yield row["session"], dt.datetime.fromisoformat(row["stepStart"])
            return
    raise FileNotFoundError("no delivered.csv or delivered.csv.gz")


def pauses(outdir):
    """Per session that drew, the pauses (minutes) between its runs of draws."""
    steps = defaultdict(list)
    for session, t in draws(outdir):
        steps[session].append(t)
    for ts in steps.values():
        ts.sort()
    gaps = [(b - a).total_seconds() for ts in steps.values() for a, b in zip(ts, ts[1:])]
    step = min(gaps, default=60)  # a run's consecutive steps are one step apart
    return {s: [(b - a).total_seconds() / 60 - step / 60 for a, b in zip(ts, ts[1:]) if (b - a).total_seconds() > step]
            for s, ts in steps.items()}


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    total = [0, 0, 0, 0]
    for outdir in sys.argv[1:]:
        try:
            p = pauses(outdir)
        except (OSError, ValueError, KeyError) as e:
            print(f"restarts.py: {outdir}: {e}", file=sys.stderr)
            sys.exit(2)
        row = [len(p), sum(len(g) for g in p.values()), sum(x <= 5 for g in p.values() for x in g),
               sum(x <= 15 for g in p.values() for x in g)]
        total = [a + b for a, b in zip(total, row)]
        print(f"{outdir}: {row[0]} sessions drew, {row[1]} restarts, {row[2]} after <= 5 min, {row[3]} after <= 15 min")
    if len(sys.argv) > 2:
        print(f"all {len(sys.argv) - 1}: {total[0]} sessions drew, {total[1]} restarts, "
              f"{total[2]} after <= 5 min, {total[3]} after <= 15 min")


if __name__ == "__main__":
    main()
