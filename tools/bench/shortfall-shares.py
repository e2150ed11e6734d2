#!/usr/bin/env python3
"""Who bore a shortfall: each session's energy delivered in a simulation, and its share of the energy it wanted.

  tools/bench/shortfall-shares.py SCENARIO.json OUTDIR     (OUTDIR: what `orderly simulate` wrote)
  tools/bench/shortfall-shares.py --alike|--near|--queue OUT.json    (writes one of the shortages below)

Prints a line per session of the scenario (its id, kWh delivered: delivered.csv's kW summed over its steps, and that
over the energyKWh it wanted), then the least share and the total. The shortages docs/scheduler.md measures ("Cars of
near urgency take turns"), each of 7 kW cars plugged at 22:00 wanting 30 kWh (declared), far more than their hour:
  --alike  five cars (ids p1, p13, p299, p30, p7) leaving at 23:00, under a 100 kW transformer with 70 kW of
           households: 30 kW of room where the five would take 35;
  --near   the same five leaving a minute apart, p1 at 22:55 to p7 at 22:59 (in the order of their ids);
  --queue  eight alike (p1, p13, p2, p299, p30, p4, p5, p7) leaving at 23:00 with 80 kW of households: 20 kW of room
           where the eight would take 56, so some wait for their turn.
"""
import csv
import gzip
import json
import os
import sys
from collections import defaultdict

from whole_number import arguments

ALIKE = ["p1", "p13", "p299", "p30", "p7"]
QUEUE = ["p1", "p13", "p2", "p299", "p30", "p4", "p5", "p7"]
TARIFF = {"currency": "CNY", "name": "beijing-tou", "periods": [
    {"from": "23:00", "to": "07:00", "pricePerKWh": 0.3946}, {"from": "07:00", "to": "10:00", "pricePerKWh": 0.695},
    {"from": "10:00", "to": "15:00", "pricePerKWh": 1.0044}, {"from": "15:00", "to": "18:00", "pricePerKWh": 0.695},
    {"from": "18:00", "to": "21:00", "pricePerKWh": 1.0044}, {"from": "21:00", "to": "23:00", "pricePerKWh": 0.695}]}


def shortage(name, ids, households_kw, departures):
    """Cars plugged at 22:00 on piles named as their sessions, each leaving at its departure (hh:mm)."""
    def session(i, leave):
        at = f"2026-01-12T{leave}:00+08:00"
        return {"id": i, "pile": i, "arrival": "2026-01-12T22:00:00+08:00", "departure": at, "energyKWh": 30.0,
                "maxPowerKw": 7.0, "declared": {"departure": at, "energyKWh": 30.0}}
    return {"format": "orderly-scenario/1", "name": name, "timezone": "Asia/Shanghai",
            "start": "2026-01-12T12:00:00+08:00", "end": "2026-01-13T12:00:00+08:00", "stepSeconds": 60,
            "penaltyPerKWh": 1.8, "transformer": {"ratedKva": 150, "limitKw": 100.0, "phaseVoltageV": 220.0},
            "baseLoad": {"intervalSeconds": 900, "kw": [households_kw] * 96}, "tariff": TARIFF,
            "piles": [{"id": p, "phase": "ABC"[n % 3], "minCurrentA": 6, "maxCurrentA": 32} for n, p in enumerate(ids)],
            "sessions": [session(p, leave) for p, leave in zip(ids, departures)], "history": []}


SHORTAGES = {
    "--alike": lambda: shortage("alike-5", ALIKE, 70.0, ["23:00"] * len(ALIKE)),
    "--near": lambda: shortage("near-5", ALIKE, 70.0, [f"22:{55 + n}" for n in range(len(ALIKE))]),
    "--queue": lambda: shortage("queue-8", QUEUE, 80.0, ["23:00"] * len(QUEUE)),
}


def delivered(outdir, step_hours):
    """kWh per session from OUTDIR's delivered.csv (or .gz)."""
    for name in ("delivered.csv", "delivered.csv.gz"):
        path = os.path.join(outdir, name)
        if os.path.exists(path):
            kwh = defaultdict(float)
            with (gzip.open(path, "rt") if name.endswith(".gz") else open(path)) as f:
                for row in csv.DictReader(f):
                    kwh[row["session"]] += float(row["kw"]) * step_hours
            return kwh
    raise NoOutput("no delivered.csv or delivered.csv.gz")


class NoOutput(Exception):
    """OUTDIR holds no simulation output: said as it is, not as an error of another kind."""


def main():
    usage = "shortfall-shares.py SCENARIO.json OUTDIR, or --alike|--near|--queue OUT.json"
    scenario_path, outdir = arguments(usage, 2, 2)
    if scenario_path in SHORTAGES:
        try:
            with open(outdir, "w") as f:
                json.dump(SHORTAGES[scenario_path](), f, indent=1)
        except OSError as e:
            print(f"shortfall-shares.py: {outdir}: {e.strerror}", file=sys.stderr)
            sys.exit(2)
        return
    try:
        with open(scenario_path) as f:
            scenario = json.load(f)
        wanted = {s["id"]: s["energyKWh"] for s in scenario["sessions"]}
        got = delivered(outdir, scenario["stepSeconds"] / 3600)
    except NoOutput as e:
        print(f"shortfall-shares.py: {scenario_path}, {outdir}: {e}", file=sys.stderr)
        sys.exit(2)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        # A scenario of another kind (a list, a stepSeconds of "60") was a traceback of TypeError until 2026-12-07.
        print(f"shortfall-shares.py: {scenario_path}, {outdir}: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(2)
    if not wanted:
        # A scenario of no sessions printed a least share of nan, exit 0, until 2026-12-07.
        print(f"shortfall-shares.py: {scenario_path}: no sessions", file=sys.stderr)
        sys.exit(2)
    shares = {s: got[s] / w for s, w in wanted.items() if w > 0}
    for s in sorted(wanted):
        share = f"{shares[s]:.4f}" if s in shares else "-"
        print(f"{s} {got[s]:.3f} kWh of {wanted[s]:.3f}, share {share}")
    least = min(shares.values(), default=float("nan"))
    print(f"least share {least:.4f}, total {sum(got[s] for s in wanted):.3f} kWh of {sum(wanted.values()):.3f}")


if __name__ == "__main__":
    main()
