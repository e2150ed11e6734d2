#!/usr/bin/env python3
"""Simulated DL/T 645-2007 meters on a serial line, for Orderly's tests (Debian's python3-serial).

Usage: dlt645_meter.py SPEC.json DEVICE BAUD PARITY

SPEC.json: {"meters": {"000000123456": {"02030000": 12.3456, ...}, ...},
            "bad_checksum": ["..."], "wrong_address": {"000000123456": "000000999999"},
            "echo": false, "silent": {"000000123456": ["02020100"]},
            "errors": {"000000123456": {"02020200": 4}}}
Frames are built here, byte by byte, from the standard's text (68, address lowest byte first, 68, control,
length, data each +0x33, sum mod 256, 16), independently of the Java encoder under test. Value formats are
this script's own table. A read of an identifier a meter does not have gets the abnormal reply D1 with
error byte 02 (no such data). The broadcast address read (13) is answered by the first meter. Requests to
unknown addresses get no answer, and so do a meter's identifiers listed under "silent" (a reply lost on the
line); an identifier under "errors" is refused with the error byte given. "echo" repeats every request first, like some RS-485 adapters.
"""
import json
import sys

import serial

# DI -> (bytes, decimals, signed): DL/T 645-2007 Appendix A formats.
FORMATS = {
    0x00010000: (4, 2, False), 0x00020000: (4, 2, False),
    0x00150000: (4, 2, False), 0x00290000: (4, 2, False), 0x003D0000: (4, 2, False),
    0x02010100: (2, 1, False), 0x02010200: (2, 1, False), 0x02010300: (2, 1, False),
    0x02020100: (3, 3, True), 0x02020200: (3, 3, True), 0x02020300: (3, 3, True),
    0x02030000: (3, 4, True), 0x02030100: (3, 4, True), 0x02030200: (3, 4, True), 0x02030300: (3, 4, True),
    0x02800002: (2, 2, False),
}


def bcd(value, di):
    nbytes, decimals, signed = FORMATS[di]
    digits = "%0*d" % (2 * nbytes, round(abs(value) * 10 ** decimals))
    out = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]  # "0123" -> 0x01, 0x23
    out.reverse()  # lowest pair first
    if signed and value < 0:
        out[-1] |= 0x80
    return out


def address_bytes(digits):
    return [int(digits[i:i + 2], 16) for i in range(10, -2, -2)]


def frame(address, control, data):
    body = [0x68] + address_bytes(address) + [0x68, control, len(data)] + [(b + 0x33) & 0xFF for b in data]
    return bytes(body + [sum(body) % 256, 0x16])


def parse(buf):
    """Returns (frame bytes consumed, address digits, control, data) or None when incomplete; skips noise."""
    while buf and buf[0] != 0x68:
        del buf[0]
    if len(buf) < 12:
        return None
    if buf[7] != 0x68:
        del buf[0]
        return parse(buf)
    n = buf[9]
    if len(buf) < 12 + n:
        return None
    raw = bytes(buf[:12 + n])
    del buf[:12 + n]
    if sum(raw[:10 + n]) % 256 != raw[10 + n] or raw[11 + n] != 0x16:
        return "bad"
    address = "".join("%02X" % raw[i] for i in range(6, 0, -1))
    data = [(b - 0x33) & 0xFF for b in raw[10:10 + n]]
    return raw, address, raw[8], data


def main():
    spec = json.load(open(sys.argv[1]))
    parity = {"none": serial.PARITY_NONE, "even": serial.PARITY_EVEN, "odd": serial.PARITY_ODD}[sys.argv[4]]
    port = serial.Serial(sys.argv[2], int(sys.argv[3]), parity=parity, timeout=0.05)
    meters = spec["meters"]
    first = next(iter(meters))
    bad = set(spec.get("bad_checksum", []))
    wrong = spec.get("wrong_address", {})
    silent = spec.get("silent", {})
    errors = spec.get("errors", {})
    buf = bytearray()
    print("serving", list(meters), flush=True)
    while True:
        buf += port.read(256)
        while True:
            got = parse(buf)
            if got is None:
                break
            if got == "bad":
                print("request with a bad checksum ignored", flush=True)
                continue
            raw, address, control, data = got
            if spec.get("echo"):
                port.write(raw)
            if control == 0x13 and address == "AAAAAAAAAAAA":
                reply = frame(first, 0x93, address_bytes(first))
            elif control == 0x11 and address in meters and len(data) == 4:
                di = data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24
                values = meters[address]
                key = "%08X" % di
                if key in silent.get(address, []):
                    print("silent to", address, key, flush=True)
                    continue
                answer_as = wrong.get(address, address)
                if key in errors.get(address, {}):
                    reply = frame(answer_as, 0xD1, [errors[address][key]])
                elif key in values:
                    reply = frame(answer_as, 0x91, data + bcd(values[key], di))
                else:
                    reply = frame(answer_as, 0xD1, [0x02])
                if address in bad:
                    reply = reply[:-2] + bytes([(reply[-2] + 1) % 256, 0x16])
            else:
                continue
            port.write(b"\xfe\xfe" + reply)
            print("answered", address, "%02X" % control, flush=True)


if __name__ == "__main__":
    main()
