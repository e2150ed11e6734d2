#!/usr/bin/env python3
"""make-scenario.py, except that each pile's history holds its resident's whole record.

Every source session of the pile's resident that does not fall inside the scenario's history window
or simulated days is moved by whole weeks to before the history window, so weekday and time of day
are kept. The simulated sessions are the very ones make-scenario.py makes with the same arguments.
This measures what knowing each resident as well as the data allows would be worth
(docs/scheduler.md, "The information limit").

  python3 tools/bench/whole-record-scenario.py --seed 205 --piles 120 ... -o out.json

The generator is found at ../shared/tools/make-scenario.py, or at $MAKE_SCENARIO.
"""
import os
import sys

from whole_number import readable_file

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.environ.get("MAKE_SCENARIO",
                           os.path.join(HERE, "..", "..", "..", "shared", "tools", "make-scenario.py"))

KEEP_IN_WINDOW = "            if hist_start <= arrival and departure <= start and a.history_days > 0:"
MOVE_THE_REST = """            if not (hist_start <= arrival and departure <= end):
                while departure > hist_start:
                    arrival -= dt.timedelta(days=7)
                    departure -= dt.timedelta(days=7)
                history.append({"pile": pile["id"], "arrival": iso(arrival), "departure": iso(departure),
                                "energyKWh": round(min(kwh, ev_max * (departure - arrival).total_seconds() / 3600 * 0.95), 2)})
                continue
"""


def main():
    with open(readable_file("the generator (MAKE_SCENARIO)", GENERATOR)) as f:
        source = f.read()
    if source.count(KEEP_IN_WINDOW) != 1:
        sys.exit(f"{GENERATOR}: the line that keeps history sessions was not found once; the generator has changed")
    source = source.replace(KEEP_IN_WINDOW, MOVE_THE_REST + KEEP_IN_WINDOW)
    sys.argv[0] = GENERATOR
    namespace = {"__name__": "__main__", "__file__": GENERATOR}
    exec(compile(source, GENERATOR, "exec"), namespace)


if __name__ == "__main__":
    main()
