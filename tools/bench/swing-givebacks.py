#!/usr/bin/env python3
"""Offer cuts given back with the households unchanged, in a trace of tools/bench/swing-bench.sh (-Dswing.trace=FILE:
every 20 ms, time, cycle, the households', the cars' and the offered kW on A, B, C; docs/benchmarks.md, "Household
swings within the second"). A cycle's offer is its last sample's, on all lines together. A cut is a cycle whose offer is
more than MIN_CUT kW (default 0.5) below the cycle before; it is given back where a later cycle raises the offer by
more than MIN_CUT with the households unchanged (by no more than 0.05 kW, the trace's rounding) from the end of the
third cycle before the cut until then: no meter reading the cut or the raise was made from saw them step, so the cut
was the gateway's own swing. Prints how many were given back within 3 cycles and how many at all, the cycles spent
under them (each once), and one line each (when the cut cycle ended, the offer before and after it, what a later
cycle raised it to, and the households).

  python3 tools/bench/swing-givebacks.py TRACE [MIN_CUT]
"""
import math
import sys

from whole_number import arguments, no_lines, readable_file, refuse

WITHIN_CYCLES = 3
STEADY_KW = 0.05


def cycles(path):
    """Per control cycle, in order: (cycle, end time, offered kW, the households' kW at its end, min and max over it)."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            fields = line.split()
            if len(fields) != 11:
                sys.exit(f"swing-givebacks.py: {path}:{n}: expected 11 fields (t cycle hA hB hC cA cB cC oA oB oC), got {len(fields)}")
            try:
                t, cycle = float(fields[0]), int(fields[1])
                households = sum(float(x) for x in fields[2:5])
                offered = sum(float(x) for x in fields[8:11])
            except ValueError as e:
                sys.exit(f"swing-givebacks.py: {path}:{n}: {e}")
            if out and out[-1][0] == cycle:
                c = out[-1]
                out[-1] = (cycle, t, offered, households, min(c[4], households), max(c[5], households))
            else:
                out.append((cycle, t, offered, households, households, households))
    return out


def givebacks(cs, min_cut):
    """Each cut with the households unchanged until a later cycle gave some back: (time, before, cut, back, cycles)."""
    found = []
    for k in range(3, len(cs)):
        if cs[k][2] >= cs[k - 1][2] - min_cut:
            continue
        # From the end of the third cycle before the cut: the readings its offer was made from are younger.
        low, high = min(cs[k - 3][3], cs[k - 2][4], cs[k - 1][4]), max(cs[k - 3][3], cs[k - 2][5], cs[k - 1][5])
        for j in range(k, len(cs)):
            low, high = min(low, cs[j][4]), max(high, cs[j][5])
            if high - low > STEADY_KW:
                break
            if j > k and cs[j][2] > cs[j - 1][2] + min_cut:
                found.append((cs[k][1], cs[k - 1][2], cs[k][2], cs[j][2], j - k, cs[k][3], k))
                break
    return found


def main():
    trace, *cut = arguments("swing-givebacks.py TRACE [MIN_CUT]", 1, 2)
    try:
        min_cut = float(cut[0]) if cut else 0.5
    except ValueError:
        min_cut = math.nan
    # float() takes nan, inf and -1, which found no cut or every cycle one, at exit 0, until 2026-12-07.
    if not math.isfinite(min_cut) or min_cut < 0:
        refuse("MIN_CUT", cut[0], "a number of kW from 0")
    cs = cycles(readable_file("TRACE", trace))
    if not cs:
        # An empty trace (swing.trace not set, the run stopped at once) said 0 cuts in 0 cycles, exit 0, until 2026-12-07.
        no_lines("TRACE", trace, "swing-bench.sh's trace, a sample a line")
    found = givebacks(cs, min_cut)
    cuts = sum(1 for k in range(1, len(cs)) if cs[k][2] < cs[k - 1][2] - min_cut)
    soon = sum(1 for f in found if f[4] <= WITHIN_CYCLES)
    # A cut cut again before it was given back is one stretch: each cycle counted once.
    under = len({m for f in found for m in range(f[6], f[6] + f[4])})
    print(f"{soon} cuts given back within {WITHIN_CYCLES} cycles with the households unchanged, {len(found)} given back "
          f"at all, {under} cycles under such a cut ({cuts} cuts of more than {min_cut} kW in {len(cs)} cycles)")
    for t, before, cut, back, after, households, _ in found:
        print(f"  {t:8.2f} s: offer {before:.1f} -> {cut:.1f} kW, raised to {back:.1f} after {after} cycle(s);"
              f" households {households:.1f} kW")


if __name__ == "__main__":
    main()
