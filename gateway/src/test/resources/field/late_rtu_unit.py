#!/usr/bin/env python3
"""A Modbus RTU line on a serial port with one meter on it that answers late: each reply sent LATE_SECONDS after its
request, after the master's timeout, so that it reaches the line while the master asks the next unit. No Modbus
library, so that nothing but this script paces the reply.

usage: late_rtu_unit.py PORT BAUD UNIT LATE_SECONDS [SECONDS_PER_BYTE]
Answers every read of holding or input registers (functions 03 and 04) of unit UNIT with zeros, LATE_SECONDS after the
request, the reply's bytes SECONDS_PER_BYTE apart (0, the default: at once); requests to other units are read and not
answered (no such unit on the line). Says "ready" once the port is open, "request N unit U" for each request read, and
"replied unit U" once a reply is sent.
"""
import sys
import time

import serial

from dripping_rtu_meter import reply, requests, send  # beside this script


def main():
    path, baud, unit, late = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    per_byte = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    port = serial.Serial(path, baud, timeout=None)
    print("ready", flush=True)
    taken = 0
    for request in requests(port):
        taken += 1
        print("request %d unit %d" % (taken, request[0]), flush=True)
        if request[0] != unit:
            continue
        time.sleep(late)
        send(port, reply(request), per_byte)
        print("replied unit %d" % request[0], flush=True)


if __name__ == "__main__":
    main()
