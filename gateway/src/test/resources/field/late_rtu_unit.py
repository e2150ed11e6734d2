#!/usr/bin/env python3
"""A Modbus RTU line on a serial port with one meter on it that answers late: each reply sent LATE_SECONDS after its
request, after the master's timeout, so that it reaches the line while the master asks the next unit. No Modbus
library, so that nothing but this script paces the reply.

usage: late_rtu_unit.py PORT BAUD UNIT LATE_SECONDS [SECONDS_PER_BYTE [EXCEPTION [GLITCH]]]
Answers every read of holding or input registers (functions 03 and 04) of unit UNIT with zeros, LATE_SECONDS after the
request, the reply's bytes SECONDS_PER_BYTE apart (0, the default: at once); requests to other units are read and not
answered (no such unit on the line). LATE_SECONDS "next": the reply is sent once the next request (to any unit) has been
read, so that it comes down the line during that request's exchange whatever the machine's load. Given EXCEPTION (a
Modbus exception code, such as 2; "none" for none), the reply is that exception (function code | 0x80) instead of the
registers. Given GLITCH (a byte, such as 0 or 255), a request to another unit is answered with that one byte alone, as an
RS-485 transceiver switching direction may put on the line before a silent unit's timeout.
Says "ready" once the port is open, "request N unit U" for each request read, and "replied unit U" once a reply is sent.
"""
import sys
import time

import serial

from dripping_rtu_meter import crc16, reply, requests, send  # beside this script


def answer(request, exception):
    """The reply to a read request: its registers all zero, or exception code exception when one is given."""
    if exception is None:
        return reply(request)
    body = bytes([request[0], request[1] | 0x80, exception])
    return body + crc16(body)


def main():
    path, baud, unit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    at_next = sys.argv[4] == "next"
    late = 0.0 if at_next else float(sys.argv[4])
    per_byte = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    exception = int(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] != "none" else None
    glitch = bytes([int(sys.argv[7])]) if len(sys.argv) > 7 else None
    port = serial.Serial(path, baud, timeout=None)
    print("ready", flush=True)
    taken = 0
    owed = None  # at_next: the reply held back until the next request has been read
    for request in requests(port):
        taken += 1
        print("request %d unit %d" % (taken, request[0]), flush=True)
        if owed is not None:
            send(port, owed, per_byte)
            print("replied unit %d" % owed[0], flush=True)
            owed = None
        if request[0] != unit:
            if glitch is not None:
                port.write(glitch)
                port.flush()
                print("glitch %d" % glitch[0], flush=True)
            continue
        if at_next:
            owed = answer(request, exception)
            continue
        time.sleep(late)
        send(port, answer(request, exception), per_byte)
        print("replied unit %d" % request[0], flush=True)


if __name__ == "__main__":
    main()
