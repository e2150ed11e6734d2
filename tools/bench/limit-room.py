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

from whole_number import arguments, json_file, readable_file


def main():
    scenario, run = arguments("limit-room.py SCENARIO.json RUNDIR", 2, 2)
    sc = json_file("SCENARIO.json", scenario)
    delivered = readable_file("RUNDIR/delivered.csv", os.path.join(run, "delivered.csv"))
    start = dt.datetime.fromisoformat(sc["start"])
    step = int(sc["stepSeconds"])
    iv = int(sc["baseLoad"]["intervalSeconds"])
    base = sc["baseLoad"]["kw"]
    limit = float(sc["transformer"]["limitKw"])
    caps = [(dt.datetime.fromisoformat(e["from"]), dt.datetime.fromisoformat(e["to"]), float(e["limitKw"]))
            for e in sc.get("gridEvents", [])]
    n = int((dt.datetime.fromisoformat(sc["end"]) - start).total_seconds() // step)
    ev = defaultdict(float)
    with open(delivered) as f:
        for row in csv.DictReader(f):
            ev[int((dt.datetime.fromisoformat(row["stepStart"]) - start).total_seconds() // step)] += float(row["kw"])

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
