#!/usr/bin/env python3
"""Checks an aggregate load run: every message the broker acknowledged to the fleet reached one of the aggregate
instances (by gatewayId and seq across their journals), and reports the split, throughput and the end-to-end lag
(the message's ts, set at publish, to the instant an instance accepted it).

usage: aggregate-load.py SUMMARY JOURNAL...
"""
import json
import statistics
import sys
from datetime import datetime

from whole_number import MALFORMED, arguments, malformed, no_lines, readable_file


def instant(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def main():
    summary, *journals = arguments("aggregate-load.py SUMMARY JOURNAL...", 2, 10**6)
    readable_file("SUMMARY", summary)
    for path in journals:
        readable_file("each JOURNAL", path)
    published = {}
    acked = {}
    # Each line checked as read: a line of another kind was a traceback (ValueError, KeyError) until 2026-12-07.
    with open(summary) as f:
        for n, line in enumerate(f, 1):
            try:
                gw, p, a = line.split()
                published[gw] = int(p)
                acked[gw] = int(a)
            except ValueError as e:
                malformed("SUMMARY", summary, "lines of GATEWAY PUBLISHED ACKNOWLEDGED", e, n)
    if not published:
        no_lines("SUMMARY", summary, "lines of GATEWAY PUBLISHED ACKNOWLEDGED")
    seen = {}
    per_instance = {}
    lags = []
    first = last = None
    copies = 0
    for path in journals:
        n = 0
        with open(path) as f:
            for number, line in enumerate(f, 1):
                try:
                    j = json.loads(line)
                    if j["type"] != "telemetry":
                        continue
                    key = (j["gatewayId"], j["seq"])
                    received = instant(j["receivedAt"])
                    lag = (received - instant(j["ts"])) * 1000
                except MALFORMED as e:
                    malformed("each JOURNAL", path, "an aggregate instance's journal, a JSON object a line", e, number)
                n += 1
                if key in seen:
                    copies += 1
                seen[key] = True
                lags.append(lag)
                first = received if first is None else min(first, received)
                last = received if last is None else max(last, received)
        per_instance[path] = n
    missing = [(gw, s) for gw, n in published.items() for s in range(n) if (gw, s) not in seen]
    missing_acked = [(gw, s) for gw, s in missing if s < acked[gw]]
    total_published = sum(published.values())
    lags.sort()

    def pct(q):
        return lags[min(len(lags) - 1, int(q * len(lags)))] if lags else float("nan")

    span = (last - first) if first is not None else 0
    print(f"gateways: {len(published)}, published: {total_published}, acknowledged by the broker: {sum(acked.values())}")
    for path, n in per_instance.items():
        print(f"instance {path}: {n} messages ({100.0 * n / max(1, len(seen)):.1f} %)")
    print(f"distinct (gatewayId, seq) received: {len(seen)}; accepted by both instances: {copies}")
    print(f"missing: {len(missing)} (of which acknowledged: {len(missing_acked)})")
    if missing[:5]:
        print(f"  first missing: {missing[:5]}")
    print(f"throughput: {len(seen) / span if span else 0:.1f} messages/s over {span:.0f} s")
    print(f"lag ms: p50 {pct(0.50):.1f}, p90 {pct(0.90):.1f}, p99 {pct(0.99):.1f}, max {lags[-1] if lags else 0:.1f}, "
          f"mean {statistics.fmean(lags) if lags else 0:.1f}")
    print("RESULT", "OK" if not missing_acked and len(seen) > 0 else "LOST")
    return 0 if not missing_acked and len(seen) > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
