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

from whole_number import arguments, readable_file


def instant(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def main():
    summary, *journals = arguments("aggregate-load.py SUMMARY JOURNAL...", 2, 10**6)
    readable_file("SUMMARY", summary)
    for path in journals:
        readable_file("each JOURNAL", path)
    published = {}
    acked = {}
    for line in open(summary):
        gw, p, a = line.split()
        published[gw] = int(p)
        acked[gw] = int(a)
    seen = {}
    per_instance = {}
    lags = []
    first = last = None
    copies = 0
    for path in journals:
        n = 0
        for line in open(path):
            j = json.loads(line)
            if j["type"] != "telemetry":
                continue
            n += 1
            key = (j["gatewayId"], j["seq"])
            if key in seen:
                copies += 1
            seen[key] = True
            received = instant(j["receivedAt"])
            lags.append((received - instant(j["ts"])) * 1000)
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
