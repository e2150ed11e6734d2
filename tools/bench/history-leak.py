#!/usr/bin/env python3
"""How much of a generated scenario's future is already in its history, on other piles.

  tools/bench/history-leak.py SCENARIO.json [...]

make-scenario.py (../shared/tools) gives each pile a resident drawn with replacement from the source data and
replays that resident's record from a random day; two piles with the same resident then replay overlapping
stretches, so one pile's `history` can hold another pile's simulated sessions, moved by whole days and up to
±25 minutes each. This finds, for each simulated session, a history entry of another pile with the very same stay
(to the second) and energy (to 0.01 kWh) whose arrival differs from it by whole days and at most 50 minutes. An
energy the generator capped at one pile's charger is missed, so the figures are a lower bound. Prints per scenario
the sessions and kWh so found. Orderly does not use this; it measures the generator, not the scheduler.
"""
import datetime as dt
import sys
from collections import defaultdict

from whole_number import arguments, json_file, readable_file


def seconds(iso):
    return dt.datetime.fromisoformat(iso).timestamp()


def leaked(scenario):
    past = defaultdict(list)  # (stay seconds, energy) -> [(pile, arrival seconds)]
    for h in scenario.get("history", []):
        a, d = seconds(h["arrival"]), seconds(h["departure"])
        past[(round(d - a), round(h["energyKWh"], 2))].append((h["pile"], a))
    found = []
    for s in scenario["sessions"]:
        a, d = seconds(s["arrival"]), seconds(s["departure"])
        for pile, ha in past.get((round(d - a), round(s["energyKWh"], 2)), []):
            off = (a - ha) % 86400
            if pile != s["pile"] and (off <= 50 * 60 or off >= 86400 - 50 * 60):
                found.append(s)
                break
    return found


def main():
    # Each file checked before any is read: one missing (a `--help` taken for a scenario) is named as the argument it is.
    paths = [readable_file("each SCENARIO.json", path) for path in arguments("history-leak.py SCENARIO.json...", 1, 10**6)]
    for path in paths:
        scenario = json_file("each SCENARIO.json", path)
        try:
            found = leaked(scenario)
        except KeyError as e:
            print(f"history-leak.py: {path}: missing field {e}", file=sys.stderr)
            sys.exit(2)
        except (ValueError, TypeError, AttributeError) as e:  # a field of the wrong kind
            print(f"history-leak.py: {path}: {e}", file=sys.stderr)
            sys.exit(2)
        n, kwh = len(scenario["sessions"]), sum(s["energyKWh"] for s in scenario["sessions"])
        fk = sum(s["energyKWh"] for s in found)
        print(f"{path}: {len(found)} of {n} sessions ({100 * len(found) / max(n, 1):.1f} %), "
              f"{fk:.0f} of {kwh:.0f} kWh ({100 * fk / max(kwh, 1e-9):.1f} %) found in another pile's history")


if __name__ == "__main__":
    main()
