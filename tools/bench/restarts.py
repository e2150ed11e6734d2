#!/usr/bin/env python3
"""How often `orderly simulate` stopped and restarted each vehicle, from its delivered.csv.

  tools/bench/restarts.py OUTDIR [OUTDIR ...]      (e.g. target/compounds/*-orderly)

A run of consecutive steps with a draw is one start; every start after a session's first is a restart, and the
pause before it is the time between the two runs (a car draws nothing only when offered nothing or full, and a full
car does not start again: each restart is a pause, its offer gone from more than 0 to 0 and back while plugged in).
Prints a line per OUTDIR and, for several, their sum: sessions that drew, restarts, restarts per session, sessions
paused at least once, restarts after a pause of at most 5 and at most 15 minutes, and short runs: runs of at most a
minute that a pause follows (a car started, then stopped within a minute).
"""
import csv
import datetime as dt
import gzip
import os
import sys
from collections import defaultdict

from whole_number import arguments


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
    """Per session that drew, the pauses (minutes) between its runs of draws, and how many of its runs that a pause
    follows lasted at most a minute."""
    steps = defaultdict(list)
    for session, t in draws(outdir):
        steps[session].append(t)
    for ts in steps.values():
        ts.sort()
    gaps = [(b - a).total_seconds() for ts in steps.values() for a, b in zip(ts, ts[1:])]
    step = min(gaps, default=60)  # a run's consecutive steps are one step apart
    out = {}
    for s, ts in steps.items():
        gaps = [(b - a).total_seconds() / 60 - step / 60 for a, b in zip(ts, ts[1:]) if (b - a).total_seconds() > step]
        out[s] = (gaps, short_runs(ts, step))
    return out


def short_runs(ts, step):
    """The runs of at most a minute in ts (sorted step starts) that another run follows."""
    short, start = 0, ts[0]
    for a, b in zip(ts, ts[1:]):
        if (b - a).total_seconds() > step:
            short += (a - start).total_seconds() + step <= 60
            start = b
    return short


def main():
    outdirs = arguments("restarts.py OUTDIR...", 1, 10**6)
    total = [0, 0, 0, 0, 0, 0]
    for outdir in outdirs:
        try:
            p = pauses(outdir)
        except (OSError, ValueError, KeyError) as e:
            print(f"restarts.py: {outdir}: {e}", file=sys.stderr)
            sys.exit(2)
        row = [len(p), sum(len(g) for g, _ in p.values()), sum(x <= 5 for g, _ in p.values() for x in g),
               sum(x <= 15 for g, _ in p.values() for x in g), sum(1 for g, _ in p.values() if g),
               sum(n for _, n in p.values())]
        total = [a + b for a, b in zip(total, row)]
        print(f"{outdir}: {line(row)}")
    if len(sys.argv) > 2:
        print(f"all {len(sys.argv) - 1}: {line(total)}")


def line(row):
    drew, restarts, within5, within15, paused, short = row
    return (f"{drew} sessions drew, {restarts} restarts ({restarts / max(1, drew):.3f} a session), {paused} paused, "
            f"{within5} after <= 5 min, {within15} after <= 15 min, {short} short runs")


if __name__ == "__main__":
    main()
