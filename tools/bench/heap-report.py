#!/usr/bin/env python3
"""Reads what demo-heap.sh left in WORK (gc.log of the measured JVM, out.log of its output) and prints the figures:
OutOfMemoryError or not, heap after full GCs, the most heap in use, and control cycles completed vs expected.

    heap-report.py WORK EXIT_CODE THREADS RSS_KB STOPPED_IN_S
"""
import re, sys, datetime
from whole_number import arguments, readable_file
work, rc, threads, rss_kb, stopped_in = arguments("heap-report.py WORK EXIT_CODE THREADS RSS_KB STOPPED_IN_S", 5, 5)
out = open(readable_file("WORK/out.log", f"{work}/out.log"), errors="replace").read()
gc = open(readable_file("WORK/gc.log", f"{work}/gc.log"), errors="replace").read().splitlines()
def mb(v, unit):
    return float(v) / {"K": 1024, "M": 1, "G": 1 / 1024}[unit]
pauses = []  # (kind, before MB, after MB, committed MB, seconds, cause)
for line in gc:
    m = re.search(r"^\[([\d.]+)s\].*Pause (Young|Full) \(([^)]*)\).*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
    if m:
        pauses.append((m.group(2), mb(m.group(4), m.group(5)), mb(m.group(6), m.group(7)), mb(m.group(8), m.group(9)),
                       float(m.group(1)), m.group(3)))
full = [p for p in pauses if p[0] == "Full"]
forced = [p for p in full if p[5] in ("Diagnostic Command", "System.gc()")]
oom = "OutOfMemoryError" in out
started = re.search(r"(\d\d:\d\d:\d\d\.\d{3})Z? .*control loop started, period (\d+) ms", out)
stopped = re.search(r"(\d\d:\d\d:\d\d\.\d{3})Z? .*control loop stopped after (\d+) cycles \((\d+) failed\)", out)
print(f"exit code after SIGTERM: {rc} (143 or 0 = clean); stopped {stopped_in} s after SIGTERM")
print(f"OutOfMemoryError: {'YES' if oom else 'no'}")
print(f"collections: {sum(p[0] == 'Young' for p in pauses)} young, {len(full)} full")
if forced:
    print(f"live heap before stopping (after the forced full GC at {forced[-1][4]:.0f} s): {forced[-1][2]:.1f} MB")
if full:
    print(f"heap after the last full GC ({full[-1][5]}, at {full[-1][4]:.0f} s): {full[-1][2]:.1f} MB")
    windows = {}  # the last full GC of each 30-s window, so a long thrash stays one line
    for p in full:
        windows[int(p[4] // 30)] = p
    print(f"heap after full GC, last of each 30 s, MB (at s): "
          + ", ".join(f"{p[2]:.0f} ({p[4]:.0f})" for p in windows.values()))
if pauses:
    print(f"heap after the last GC ({pauses[-1][0].lower()}): {pauses[-1][2]:.1f} MB")
    print(f"max heap in use (just before a GC): {max(p[1] for p in pauses):.1f} MB; "
          f"max committed: {max(p[3] for p in pauses):.1f} MB")
print(f"threads: {threads}; resident set: {int(rss_kb) / 1024:.0f} MB" if rss_kb.isdigit() else f"threads: {threads}")
status = re.findall(r"demo: (\d+)/(\d+) bridges hold a lease, (\d+) cars plugged, EV ([\d.]+) kW", out)
if status:
    print("last status line: {}/{} bridges leased, {} cars plugged, EV {} kW".format(*status[-1]))
if started and stopped:
    t = lambda s: datetime.datetime.strptime(s, "%H:%M:%S.%f")
    ran = (t(stopped.group(1)) - t(started.group(1))).total_seconds() % 86400
    expected = int(ran * 1000 // int(started.group(2))) + 1
    print(f"control cycles: {stopped.group(2)} completed ({stopped.group(3)} failed) of {expected} expected "
          f"in {ran:.1f} s at {started.group(2)} ms")
else:
    print("control cycles: start or stop line not found in the output (see " + work + "/out.log)")
