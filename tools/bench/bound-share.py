#!/usr/bin/env python3
"""Prints one JSON line: score.py's figures for a run plus the share of the wanted energy that its
clairvoyant bound delivers (the done criterion compares the two), from the very LP score.py solves.

    python3 tools/bench/bound-share.py SHARED_TOOLS_DIR SCENARIO.json OUTDIR
"""
import importlib.util
import json
import sys

from whole_number import MALFORMED, arguments, folder, module, readable_file

tools, scenario, out = arguments("bound-share.py SHARED_TOOLS_DIR SCENARIO.json OUTDIR", 3, 3)
readable_file("SHARED_TOOLS_DIR/score.py", f"{tools}/score.py")
readable_file("SCENARIO.json", scenario)
folder("OUTDIR", out)
module("scipy.optimize", "python3-scipy")  # after the arguments: their error is not scipy's start-up
import scipy.optimize  # noqa: E402
spec = importlib.util.spec_from_file_location("score", f"{tools}/score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

solved = {}
_linprog = scipy.optimize.linprog


def capture(c, A_ub=None, b_ub=None, **kw):
    r = _linprog(c, A_ub=A_ub, b_ub=b_ub, **kw)
    solved["A"], solved["x"] = A_ub, r.x
    return r


scipy.optimize.linprog = capture  # score.bound imports it at call time
try:
    sc = score.Scenario(scenario)
    res = score.score(sc, out)
    bound_cost = score.bound(sc)
except (OSError, *MALFORMED) as e:
    # score.py's reading of a scenario or an OUTDIR of another kind (no delivered.csv, a key missing) was its
    # traceback until 2026-12-07.
    print(f"bound-share.py: {scenario} with {out}: {type(e).__name__}: {e} (score.py's reading)", file=sys.stderr)
    sys.exit(2)
# The last rows of the LP are one per session: its energy (kWh) summed over its slots.
sessions = len(sc.sessions)
if sessions and "x" not in solved:
    sys.exit(f"bound-share.py: {scenario}: score.bound no longer calls scipy.optimize.linprog; cannot read the bound's energy")
delivered = float((solved["A"][-sessions:] @ solved["x"]).sum()) if sessions else 0.0
req = res["energyRequestedKWh"]
print(json.dumps({"violations": res["violations"], "overloadKWh": res["overloadKWh"],
                  "ratioToBound": round(res["residentCost"] / bound_cost, 4) if bound_cost else None,
                  "deliveredShare": res["deliveredShare"],
                  "boundShare": round(delivered / req, 4) if req else 1.0}))
