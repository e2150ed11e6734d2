#!/usr/bin/env python3
"""How near a simulated run came to the transformer's limit: steps whose total (households and cars) was within
1 kW of the limit in force (the transformer's, or a grid cap's), how many of those were under a cap, and the highest
total outside caps. From the scenario and the run's delivered.csv alone (docs/scheduler.md, "Household load that
moves within a quarter hour").

  python3 tools/bench/limit-room.py SCENARIO.json RUNDIR
"""
import csv
import datetime as dt
import os
import sys
from collections import defaultdict

from whole_number import MALFORMED, arguments, json_file, malformed, readable_file


def main():
    scenario, run = arguments("limit-room.py SCENARIO.json RUNDIR", 2, 2)
    sc = json_file("SCENARIO.json", scenario)
    delivered = readable_file("RUNDIR/delivered.csv", os.path.join(run, "delivered.csv"))
    # The keys read, and each row, checked as read: a scenario or a row of another kind was a traceback (KeyError,
    # ValueError, TypeError) until 2026-12-07.
    try:
        start = dt.datetime.fromisoformat(sc["start"])
        step = int(sc["stepSeconds"])
        iv = int(sc["baseLoad"]["intervalSeconds"])
        base = [float(kw) for kw in sc["baseLoad"]["kw"]]
        limit = float(sc["transformer"]["limitKw"])
        caps = [(dt.datetime.fromisoformat(e["from"]), dt.datetime.fromisoformat(e["to"]), float(e["limitKw"]))
                for e in sc.get("gridEvents", [])]
        n = int((dt.datetime.fromisoformat(sc["end"]) - start).total_seconds() // step)
        if n * step > len(base) * iv or step <= 0 or iv <= 0:
            raise ValueError(f"{len(base)} baseLoad.kw of {iv} s do not cover start to end")
    except MALFORMED as e:
        malformed("SCENARIO.json", scenario, "a scenario (docs/scenario.md)", e)
    ev = defaultdict(float)
    with open(delivered) as f:
        reader = csv.DictReader(f)
        for row in reader:
            try:
                ev[int((dt.datetime.fromisoformat(row["stepStart"]) - start).total_seconds() // step)] += float(row["kw"])
            except MALFORMED as e:
                malformed("RUNDIR/delivered.csv", delivered, "orderly simulate's delivered.csv", e, reader.line_num)

    def in_force(k):
        t = start + dt.timedelta(seconds=k * step)
        return min([limit] + [kw for a, b, kw in caps if a <= t < b])

    near = capped = near_capped = 0
    highest_free = 0.0
    for k in range(n):
        total, lim = base[k * step // iv] + ev[k], in_force(k)
        under_cap = lim < limit
        capped += under_cap
        if total > lim - 1.0:
            near += 1
            near_capped += under_cap
        if not under_cap:
            highest_free = max(highest_free, total)
    print(f"{run}: {near} of {n} steps within 1 kW of the limit in force, {near_capped} of them under a cap "
          f"({capped} steps capped); highest total outside caps {highest_free:.1f} kW of {limit} kW")


if __name__ == "__main__":
    main()
