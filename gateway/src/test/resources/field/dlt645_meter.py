#!/usr/bin/env python3
"""Simulated DL/T 645 meters (2007 and 1997) on a serial line, or behind a simulated RS-485-to-TCP converter, for
Orderly's tests (Debian's python3-serial).

Usage: dlt645_meter.py SPEC.json DEVICE BAUD PARITY
       dlt645_meter.py SPEC.json tcp:PORT
The second form listens on 127.0.0.1:PORT (0: a free port, printed as "listening on PORT") as a transparent converter
does: one client at a time, the bytes of its connection are the line's. "close_after": N closes each connection after
its Nth answer (a converter that drops its client).

SPEC.json: {"meters": {"000000123456": {"02030000": 12.3456, ...}, ...},
            "bad_checksum": ["..."], "wrong_address": {"000000123456": "000000999999"},
            "echo": false, "silent": {"000000123456": ["02020100"]},
            "errors": {"000000123456": {"02020200": 4}}}
Frames are built here, byte by byte, from the standard's text (68, address lowest byte first, 68, control,
length, data each +0x33, sum mod 256, 16), independently of the Java encoder under test. Value formats are
this script's own table. A read of an identifier a meter does not have gets the abnormal reply D1 with
error byte 02 (no such data). The broadcast address read (13) is answered by the first meter, unless that one
speaks 1997, which has no read-address command (then by none). Requests to
unknown addresses get no answer, and so do a meter's identifiers listed under "silent" (a reply lost on the
line); an identifier under "errors" is refused with the error byte given. "echo" repeats every request first, like some RS-485 adapters.
A meter listed under "v1997" speaks DL/T 645-1997: it answers reads 01 with two-byte identifiers (its values keyed
"B630" etc.) by 81, refuses by C1 (error byte 02, data identifier error, for one it lacks), and does not answer 2007
reads (11); the 2007 meters do not answer 1997 reads. "wrong_di": {"ADDRESS": {"B630": "B631"}} answers a read of the
first identifier as if the second had been asked (either edition).
A 2007 block read (FF in DI1: 0201FF00 voltages A, B, C; 0202FF00 currents A, B, C; 0203FF00 powers total, A, B, C) is
answered as the standard lays a block out: every member's value in its own format, one after another in the order of
DI1, nothing between them; a meter lacking one of the members refuses the block (D1, 02). "no_blocks": ["ADDRESS"]
refuses every block so (a meter that reads none); "block_extra": {"ADDRESS": N} appends N more value bytes to its block
replies (a meter whose block layout is not the standard's, e.g. a neutral current after the three); "block_silent":
["ADDRESS"] answers no block read at all, neither a value nor a refusal (a meter that ignores what it does not read
instead of refusing it as the standard has it), its single reads as any.
"pace": {"baud": 2400, "bits": 11, "reply_delay_ms": 50} holds each reply back for the time the request (with its four
FE) and the reply would take on a wire at that rate (11 bits a byte at 8E1) plus the meter's delay before answering,
as a pty has no wire: the benchmark's line.
"late_ms": {"ADDRESS": MS} answers that meter's requests MS ms late (a meter slower than the bus's timeout), and only
when no other request came in the meantime: a request heard while it prepares an answer makes it start over on that
one, the earlier answer never sent. So a poller asking again within MS ms (its retries, its next poll) is never
answered, and one that waits longer for an answer gets it, whatever the machine's load: no late answer to a request
that timed out comes during the poller's next request.
"raw": {"ADDRESS": {"KEY": "68 ... 16"}} answers a read of that identifier with the bytes given (hex, after the two FE),
whatever they are: a hostile meter's reply written byte by byte by the test (a bad digit, the 0x33 left out, a reply cut
short, noise around a frame). "twice_ms": {"ADDRESS": MS} sends each of that meter's replies again MS ms after the first
(a meter that answers twice); a request heard before then has it sent at once, before that request's answer.
"drip": {"ADDRESS": [SECONDS, N]} sends that meter's first N replies a byte every SECONDS (a meter or converter passing
on each byte as it comes from a slower line), the others at once; a request heard meanwhile is read once it is sent.
With "twice_ms" too, a dripped reply is sent again, whole, MS ms after its last byte; with "copy_drips": ["ADDRESS"]
too, that copy is dripped as the reply was (a converter dripping every byte the meter sends, its copy too).
"""
import json
import socket
import sys
import time

import serial

# DI -> (bytes, decimals, signed): DL/T 645-2007 Appendix A formats.
FORMATS = {
    0x00010000: (4, 2, False), 0x00020000: (4, 2, False),
    0x00150000: (4, 2, False), 0x00290000: (4, 2, False), 0x003D0000: (4, 2, False),
    0x02010100: (2, 1, False), 0x02010200: (2, 1, False), 0x02010300: (2, 1, False),
    0x02020100: (3, 3, True), 0x02020200: (3, 3, True), 0x02020300: (3, 3, True),
    0x02030000: (3, 4, True), 0x02030100: (3, 4, True), 0x02030200: (3, 4, True), 0x02030300: (3, 4, True),
    0x02800002: (2, 2, False),
    # DL/T 645-1997's table: energy XXXXXX.XX kWh, voltage XXX V, current XX.XX A, power XX.XXXX kW, no sign bit.
    0x9010: (4, 2, False), 0x9020: (4, 2, False),
    0xB611: (2, 0, False), 0xB612: (2, 0, False), 0xB613: (2, 0, False),
    0xB621: (2, 2, False), 0xB622: (2, 2, False), 0xB623: (2, 2, False),
    0xB630: (3, 4, False), 0xB631: (3, 4, False), 0xB632: (3, 4, False), 0xB633: (3, 4, False),
}


# Block DI -> its members in the order of DI1, as DL/T 645-2007 lays a block out (FF in DI1: every item of the group).
BLOCKS = {
    0x0201FF00: [0x02010100, 0x02010200, 0x02010300],
    0x0202FF00: [0x02020100, 0x02020200, 0x02020300],
    0x0203FF00: [0x02030000, 0x02030100, 0x02030200, 0x02030300],
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


class Serial:
    def __init__(self, device, baud, parity):
        parity = {"none": serial.PARITY_NONE, "even": serial.PARITY_EVEN, "odd": serial.PARITY_ODD}[parity]
        self.port = serial.Serial(device, int(baud), parity=parity, timeout=0.05)

    def read(self):
        # What has come, at least one byte (or nothing after 50 ms): not 256 bytes or the whole timeout, which would
        # hold every request back 50 ms.
        return self.port.read(max(1, self.port.in_waiting))

    def write(self, b):
        self.port.write(b)

    def answered(self):
        pass


class Converter:
    """A transparent RS-485-to-TCP converter on 127.0.0.1: one client at a time."""

    def __init__(self, port, spec):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", int(port)))
        self.server.listen(1)
        self.close_after = spec.get("close_after")
        self.conn = None
        self.answers = 0
        print("listening on", self.server.getsockname()[1], flush=True)

    def read(self):
        if self.conn is None:
            self.conn, _ = self.server.accept()
            self.conn.settimeout(0.05)
            self.answers = 0
            print("client connected", flush=True)
        try:
            data = self.conn.recv(256)
        except socket.timeout:
            return b""
        if not data:
            print("client closed", flush=True)
            self.conn.close()
            self.conn = None
        return data

    def write(self, b):
        if self.conn is not None:
            self.conn.sendall(b)

    def answered(self):
        self.answers += 1
        if self.close_after is not None and self.answers >= self.close_after and self.conn is not None:
            self.conn.close()
            self.conn = None
            print("closed the client after", self.answers, "answers", flush=True)


def main():
    spec = json.load(open(sys.argv[1]))
    if sys.argv[2].startswith("tcp:"):
        line = Converter(sys.argv[2][4:], spec)
    else:
        line = Serial(sys.argv[2], sys.argv[3], sys.argv[4])
    meters = spec["meters"]
    first = next(iter(meters))
    bad = set(spec.get("bad_checksum", []))
    wrong = spec.get("wrong_address", {})
    silent = spec.get("silent", {})
    errors = spec.get("errors", {})
    wrong_di = spec.get("wrong_di", {})
    v1997 = set(spec.get("v1997", []))
    no_blocks = set(spec.get("no_blocks", []))
    block_extra = spec.get("block_extra", {})
    block_silent = set(spec.get("block_silent", []))
    pace = spec.get("pace")
    late = spec.get("late_ms", {})
    raw_replies = spec.get("raw", {})
    twice = spec.get("twice_ms", {})
    drip = spec.get("drip", {})
    copy_drips = set(spec.get("copy_drips", []))
    again = None  # (due, reply, address, seconds a byte or 0): a meter's second answer to the same request
    pending = None  # (due, reply, address, control): a late meter's answer, sent at its due time
    buf = bytearray()
    print("serving", list(meters), flush=True)
    while True:
        if pending is not None and time.monotonic() >= pending[0]:
            line.write(b"\xfe\xfe" + pending[1])
            print("answered late", pending[2], "%02X" % pending[3], flush=True)
            line.answered()
            pending = None
        if again is not None and time.monotonic() >= again[0]:
            send(line, b"\xfe\xfe" + again[1], again[3])
            print("answered again", again[2], flush=True)
            again = None
        buf += line.read()
        while True:
            got = parse(buf)
            if got is None:
                break
            if got == "bad":
                print("request with a bad checksum ignored", flush=True)
                continue
            raw, address, control, data = got
            if pending is not None:
                print("started over: a request came before the late answer to", pending[2], flush=True)
                pending = None
            if again is not None:
                # The meter busy with its second answer hears the next request only once that is sent: the master
                # meets it first.
                send(line, b"\xfe\xfe" + again[1], again[3])
                print("answered again, before the next request", again[2], flush=True)
                again = None
            if spec.get("echo"):
                line.write(raw)
            old = address in v1997
            if control == 0x13 and address == "AAAAAAAAAAAA" and first not in v1997:
                reply = frame(first, 0x93, address_bytes(first))
            elif address in meters and ((control == 0x11 and len(data) == 4 and not old)
                                        or (control == 0x01 and len(data) == 2 and old)):
                di = 0
                for i, b in enumerate(data):
                    di |= b << (8 * i)
                values = meters[address]
                key = ("%04X" if old else "%08X") % di
                if key in silent.get(address, []):
                    print("silent to", address, key, flush=True)
                    continue
                answer_as = wrong.get(address, address)
                echoed = data
                if key in wrong_di.get(address, {}):
                    other = int(wrong_di[address][key], 16)
                    echoed = [(other >> (8 * i)) & 0xFF for i in range(len(data))]
                ok, refused = (0x81, 0xC1) if old else (0x91, 0xD1)
                members = BLOCKS.get(di) if not old else None
                if members is not None and address in block_silent:
                    print("silent to block", address, key, flush=True)
                    continue
                if key in raw_replies.get(address, {}):
                    reply = bytes.fromhex(raw_replies[address][key])
                elif key in errors.get(address, {}):
                    reply = frame(answer_as, refused, [errors[address][key]])
                elif members is not None:
                    if address in no_blocks or any(("%08X" % m) not in values for m in members):
                        reply = frame(answer_as, refused, [0x02])
                    else:
                        value = []
                        for m in members:
                            value += bcd(values["%08X" % m], m)
                        value += [0x00] * block_extra.get(address, 0)
                        reply = frame(answer_as, ok, echoed + value)
                elif key in values:
                    reply = frame(answer_as, ok, echoed + bcd(values[key], di))
                else:
                    reply = frame(answer_as, refused, [0x02])
                if address in bad:
                    reply = reply[:-2] + bytes([(reply[-2] + 1) % 256, 0x16])
            else:
                continue
            if address in late:
                pending = (time.monotonic() + late[address] / 1000, reply, address, control)
                continue
            if pace:
                on_wire = (len(raw) + 4 + len(reply) + 2) * pace.get("bits", 11) / pace["baud"]
                time.sleep(on_wire + pace.get("reply_delay_ms", 0) / 1000)
            if address in drip and drip[address][1] > 0:
                drip[address][1] -= 1
                send(line, b"\xfe\xfe" + reply, drip[address][0])
                print("answered a byte at a time", address, "%02X" % control, flush=True)
                line.answered()
                if address in twice:
                    pace_copy = drip[address][0] if address in copy_drips else 0
                    again = (time.monotonic() + twice[address] / 1000, reply, address, pace_copy)
                continue
            line.write(b"\xfe\xfe" + reply)
            print("answered", address, "%02X" % control, flush=True)
            line.answered()
            if address in twice:
                again = (time.monotonic() + twice[address] / 1000, reply, address, 0)


def send(line, data, seconds_a_byte):
    """Writes data at once, or a byte every seconds_a_byte when that is not 0 (a dripping meter or converter).

    No sleep after the last byte: the caller's next step (a copy due twice_ms after the reply) is timed from it (until
    2026-12-07 it slept there too, and the copy began a byte's wait later than twice_ms said)."""
    if not seconds_a_byte:
        line.write(data)
        return
    for i, b in enumerate(data):
        if i:
            time.sleep(seconds_a_byte)
        line.write(bytes([b]))


if __name__ == "__main__":
    main()
