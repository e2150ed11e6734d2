#!/usr/bin/env python3
"""Are the scheduler's beliefs calibrated? Reads `orderly simulate --beliefs` output against the scenario's hidden
outcomes and prints, per kind of declaration, how often the real stay and energy fell below each decile of what was
believed at plug-in. A calibrated belief has 10 % of the outcomes in each decile, half below its median and 80 %
inside its 10-90 % interval.

    tools/bench/belief-calibration.py SCENARIO.json OUTDIR [SCENARIO.json OUTDIR ...]

OUTDIR is the --out folder of `orderly simulate SCENARIO.json --out OUTDIR --beliefs`; all pairs are pooled.
"""
import csv
import datetime as dt
import json
import sys
from collections import defaultdict

LEVELS = 19  # the 5th to the 95th percentile


def kind(session):
    declared = session.get("declared") or {}
    return {(False, False): "nothing declared", (True, False): "departure declared",
            (False, True): "energy declared", (True, True): "both declared"}[
        ("departure" in declared, "energyKWh" in declared)]


def rank(percentiles, outcome):
    """How many of the belief's percentiles lie below the outcome: 0 to 19, uniform when calibrated."""
    return sum(1 for p in percentiles if p < outcome)


def read(scenario_file, out, ranks):
    """Adds each session's rank of its real stay and energy among its believed percentiles to its groups."""
    with open(scenario_file) as f:
        scenario = json.load(f)
    with open(f"{out}/beliefs.csv") as f:
        rows = list(csv.DictReader(f))
    sessions = {s["id"]: s for s in scenario["sessions"]}
    end = dt.datetime.fromisoformat(scenario["end"])
    seen = set()
    for row in rows:
        if row["session"] in seen:  # a belief formed again after a new declaration: calibration is at plug-in
            continue
        seen.add(row["session"])
        s = sessions.get(row["session"])
        if s is None:
            raise ValueError(f"session {row['session']} is not in the scenario")
        arrival = dt.datetime.fromisoformat(s["arrival"])
        departure = dt.datetime.fromisoformat(s["departure"])
        formed = dt.datetime.fromisoformat(row["formedAt"].replace("Z", "+00:00"))
        if not arrival <= formed <= departure:
            raise ValueError(f"session {row['session']} was believed at {formed}, outside its stay: "
                             "the run is not of this scenario")
        stay = (departure - arrival).total_seconds() / 3600
        stays = [float(row[f"stayH_p{5 * k:02d}"]) for k in range(1, LEVELS + 1)]
        energies = [float(row[f"energyKWh_p{5 * k:02d}"]) for k in range(1, LEVELS + 1)]
        groups = ["all", kind(s)]
        if "departure" not in (s.get("declared") or {}):
            # the scenario keeps only sessions that end before it does: the last day's stays are cut short
            last_day = (end - arrival).total_seconds() < 24 * 3600
            groups.append(f"no departure declared, arrived {'in the last 24 h' if last_day else 'before'}")
        for g in groups:
            ranks[g][0].append(rank(stays, stay))
            ranks[g][1].append(rank(energies, s["energyKWh"]))


def refused(line):
    """One line and exit 2, as the other bench scripts refuse what they are given (until 2026-12-07 exit 1)."""
    print(f"belief-calibration.py: {line}", file=sys.stderr)
    sys.exit(2)


def main(args):
    if len(args) < 2 or len(args) % 2:
        print(f"belief-calibration.py: {len(args)} arguments given; usage: "
              "belief-calibration.py SCENARIO.json OUTDIR [SCENARIO.json OUTDIR ...]", file=sys.stderr)
        sys.exit(2)
    ranks = defaultdict(lambda: ([], []))
    for scenario_file, out in zip(args[::2], args[1::2]):
        try:
            read(scenario_file, out, ranks)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
            # TypeError, IndexError and AttributeError (a scenario that is a list, a row cut short) were a traceback
            # until 2026-12-07.
            refused(f"{scenario_file} with {out}/beliefs.csv: {type(e).__name__}: {e}")
    if not ranks:
        # Beliefs of no session (a run without -Dbeliefs, the header only) printed the heading alone, exit 0, until
        # 2026-12-07.
        refused(f"{' '.join(a + '/beliefs.csv' for a in args[1::2])}: no session's belief in them")

    print("share of outcomes per decile of the belief at plug-in (10 each when calibrated); "
          "below the median (50); inside the 10-90 % interval (80)")
    for group in ["all", "nothing declared", "departure declared", "energy declared", "both declared",
                  "no departure declared, arrived before", "no departure declared, arrived in the last 24 h"]:
        if group not in ranks:
            continue
        for what, r in zip(["stay", "energy"], ranks[group]):
            n = len(r)
            deciles = [100 * sum(1 for x in r if 2 * d <= x < 2 * d + 2) / n for d in range(10)]
            below = 100 * sum(1 for x in r if x < 10) / n
            inside = 100 * sum(1 for x in r if 2 <= x < 18) / n
            print(f"{group:<48} {what:<6} n {n:>6}  deciles " + " ".join(f"{d:4.1f}" for d in deciles)
                  + f"  below median {below:4.1f}  inside 10-90 {inside:4.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
