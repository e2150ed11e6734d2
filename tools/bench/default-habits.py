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

from whole_number import MALFORMED, arguments, json_file, malformed, no_lines

by = collections.defaultdict(list)
paths = arguments("default-habits.py SCENARIO.json...", 1, 10**6)
for path, scenario in [(f, json_file("each SCENARIO.json", f)) for f in paths]:
    # Each history session checked as read: one of another kind was a traceback until 2026-12-07.
    try:
        for h in scenario.get("history", []):
            a = dt.datetime.fromisoformat(h["arrival"])
            d = dt.datetime.fromisoformat(h["departure"])
            by[a.hour].append(((d - a).total_seconds() / 3600, float(h["energyKWh"])))
    except MALFORMED as e:
        malformed("each SCENARIO.json", path, "a scenario whose history is of sessions (docs/scenario.md)", e)
for hour in range(24):
    pool = sorted(by[(hour - 1) % 24] + by[hour] + by[(hour + 1) % 24])
    n = len(pool)
    if not n:
        # No history in these hours (none at all: a scenario of no history) was a StatisticsError until 2026-12-07.
        no_lines("SCENARIO.json", " ".join(paths), f"scenarios whose history holds sessions arriving at {hour:02d} h +- 1 h")
    pairs = []
    for q in (0.1, 0.3, 0.5, 0.7, 0.9):
        i = int(q * (n - 1))
        half = max(1, n // 20)
        energy = statistics.median(e for _, e in pool[max(0, i - half):min(n, i + half + 1)])
        pairs.append(f"{{{pool[i][0]:.1f}, {energy:.1f}}}")
    print(f"        {{{', '.join(pairs)}}}, // {hour:02d} h, {n} sessions")
