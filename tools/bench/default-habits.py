#!/usr/bin/env python3
"""Prints the built-in residential habits (estimate/ResidentialDefault.java's table) from the
history of the shared scenarios: for each local arrival hour, pooled with the hours either side,
the stays at the 10th, 30th, 50th, 70th and 90th percentile, each with the median energy of the
sessions around it.

    python3 tools/bench/default-habits.py ../shared/scenarios/*.json
"""
import collections
import datetime as dt
import json
import statistics
import sys

from whole_number import arguments, json_file

by = collections.defaultdict(list)
scenarios = [json_file("each SCENARIO.json", f) for f in arguments("default-habits.py SCENARIO.json...", 1, 10**6)]
for scenario in scenarios:
    for h in scenario.get("history", []):
        a = dt.datetime.fromisoformat(h["arrival"])
        d = dt.datetime.fromisoformat(h["departure"])
        by[a.hour].append(((d - a).total_seconds() / 3600, h["energyKWh"]))
for hour in range(24):
    pool = sorted(by[(hour - 1) % 24] + by[hour] + by[(hour + 1) % 24])
    n = len(pool)
    pairs = []
    for q in (0.1, 0.3, 0.5, 0.7, 0.9):
        i = int(q * (n - 1))
        half = max(1, n // 20)
        energy = statistics.median(e for _, e in pool[max(0, i - half):min(n, i + half + 1)])
        pairs.append(f"{{{pool[i][0]:.1f}, {energy:.1f}}}")
    print(f"        {{{', '.join(pairs)}}}, // {hour:02d} h, {n} sessions")
