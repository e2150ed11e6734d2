#!/usr/bin/env python3
"""A Modbus RTU meter on a serial port that sends its replies a byte at a time, as a meter or a converter passing on each
byte as it comes from a slower line does: each byte well within any timeout, the whole reply far beyond it. The wire
bytes are written by hand, no Modbus library, so that nothing paces the reply but this script.

usage: dripping_rtu_meter.py PORT BAUD SECONDS_PER_BYTE [DRIPPED_REPLIES [UNITS]]
Answers every read of holding or input registers (functions 03 and 04), whichever unit is asked, with zeros: the first
DRIPPED_REPLIES replies (all when not given or "all") a byte at a time, the others at once; given UNITS (unit ids, comma
separated), only those units' replies drip and are counted so, the others' sent at once.
Says "ready" once the port is open, and "request N" for each request read.
"""
import sys
import time

import serial


def crc16(frame):
    crc = 0xFFFF
    for b in frame:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return bytes([crc & 0xFF, crc >> 8])


def requests(port):
    """Each read request that comes on port, its 8 bytes (unit, function, start, count, CRC); one out of step is dropped."""
    while True:
        request = port.read(8)
        if crc16(request[:6]) != request[6:]:
            port.reset_input_buffer()  # out of step: wait for the next request
            continue
        yield request


def reply(request):
    """The reply to a read request, its registers all zero."""
    count = request[4] << 8 | request[5]
    body = bytes([request[0], request[1], 2 * count]) + bytes(2 * count)
    return body + crc16(body)


def send(port, frame, per_byte):
    """Writes frame on port, a byte every per_byte seconds (at once when 0)."""
    if per_byte <= 0:
        port.write(frame)
        port.flush()
        return
    for b in frame:
        port.write(bytes([b]))
        port.flush()
        time.sleep(per_byte)


def main():
    path, baud, per_byte = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    dripped = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != "all" else None
    units = {int(u) for u in sys.argv[5].split(",")} if len(sys.argv) > 5 else None
    port = serial.Serial(path, baud, timeout=None)
    print("ready", flush=True)
    taken = 0
    dripping_taken = 0
    for request in requests(port):
        taken += 1
        print("request %d" % taken, flush=True)
        drips = units is None or request[0] in units
        if drips and units is not None:
            dripping_taken += 1
        if not drips or dripped is not None and (dripping_taken if units is not None else taken) > dripped:
            send(port, reply(request), 0)
            continue
        send(port, reply(request), per_byte)


if __name__ == "__main__":
    main()
