#!/usr/bin/env python3
"""What forcing one journal line costs on this disk (docs/benchmarks.md, "The journal forced before the ack"): appends
COUNT lines of 200 bytes to a file in DIR, each followed by an fdatasync, and prints the median and the 90th
percentile of the append-and-sync times. The figure is the disk's (and its load's), not the code's.

Usage: append-sync.py [COUNT] [DIR]     (defaults 300 and target/bench/append-sync)
"""
import os
import statistics
import time

from whole_number import arguments, made_folder, whole_number

given = arguments("append-sync.py [COUNT] [DIR]", 0, 2)
count = whole_number("COUNT", given[0]) if given else 300
directory = given[1] if len(given) > 1 else "target/bench/append-sync"
made_folder("DIR", directory)
path = os.path.join(directory, "journal.jsonl")
line = ("x" * 199 + "\n").encode()
times = []
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC, 0o644)
try:
    for _ in range(count):
        start = time.perf_counter()
        os.write(fd, line)
        os.fdatasync(fd)
        times.append((time.perf_counter() - start) * 1000)
finally:
    os.close(fd)
    os.remove(path)
times.sort()
print(f"{count} appends of {len(line)} bytes, each forced (fdatasync) in {directory}: "
      f"median {statistics.median(times):.2f} ms, p90 {times[int(0.9 * (count - 1))]:.2f} ms, max {times[-1]:.2f} ms")
