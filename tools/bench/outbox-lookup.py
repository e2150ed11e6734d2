#!/usr/bin/env python3
"""The outbox drainer's lookup on a backlog, without and with the outbox_held index (migration 7).

Usage: tools/bench/outbox-lookup.py [ROWS]   (default 300000; OutboxLimits.DEFAULT keeps up to 200 000)
Prints the median of 20 lookups, in ms, of the query OutboxTable.afterSql(false) makes, on a file in a temporary
folder (TMPDIR, else /tmp), removed with its -wal and -shm at the end, or when the run fails.
"""
import os
import sqlite3
import tempfile
import time

from whole_number import arguments, whole_number

given = arguments("outbox-lookup.py [ROWS]", 0, 1)
rows = whole_number("ROWS", given[0]) if given else 300_000
# The folder whole, not the file alone: until 2026-12-07 the folder and the WAL's two files stayed behind each run.
workdir = tempfile.TemporaryDirectory(prefix="outbox-lookup-")
path = os.path.join(workdir.name, "outbox.db")
c = sqlite3.connect(path)
c.execute("PRAGMA journal_mode=WAL")
c.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload BLOB NOT NULL,"
          " retained INTEGER NOT NULL, held INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)")
c.executemany("INSERT INTO outbox VALUES (?, ?, ?, 0, 0, ?)",
              ((i, "orderly/v1/gw/telemetry" if i % 5 else "orderly/v1/gw/sessions", b"x" * 300, i)
               for i in range(1, rows + 1)))
c.commit()
query = ("SELECT seq FROM outbox WHERE held = 0 AND seq > ? AND topic <> ? AND seq < (SELECT COALESCE(MIN(seq),"
         " 9223372036854775807) FROM outbox WHERE held = 2) ORDER BY seq LIMIT 100")


def median_ms():
    times = []
    for _ in range(20):
        start = time.perf_counter()
        c.execute(query, (rows // 2, "orderly/v1/gw/sessions")).fetchall()
        times.append(time.perf_counter() - start)
    times.sort()
    return (times[9] + times[10]) / 2 * 1000


before = median_ms()
c.execute("CREATE INDEX outbox_held ON outbox (held, seq)")
after = median_ms()
print(f"{rows} rows, SQLite {sqlite3.sqlite_version}: without the index {before:.2f} ms a lookup,"
      f" with it {after:.3f} ms (median of 20)")
c.close()
workdir.cleanup()
