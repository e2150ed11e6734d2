#!/usr/bin/env python3
"""A Modbus slave for Orderly's integration tests, built on Debian's python3-pymodbus (3.0).

Usage: modbus_slave.py SPEC.json tcp PORT
       modbus_slave.py SPEC.json rtu DEVICE BAUD

SPEC.json: {"units": {"1": [{"function": 3, "address": 8198, "type": "float32",
                              "order": "big", "raw": 2300.0}, ...]},
            "garbled_units": [9], "gateway": true, "busy": {"1": 2}, "silent_writes": [1]}
The values are encoded here, with Python's struct, independently of the Java decoder under test.
Units absent from "units" get no answer at all (the master times out); units in "garbled_units"
answer every request with a corrupted frame (bad CRC on RTU, junk on TCP). Addresses not listed
answer with exception 02 (illegal data address). With "gateway": true the slave acts as a Modbus TCP
gateway to an RS-485 line: a unit absent from "units" is answered with exception 0B (gateway target
device failed to respond), as such gateways do, instead of not at all. With "busy": {"1": 2} the first 2
requests to unit 1 (of any function) are answered with exception 06 (server device busy) and not carried out, as a
device busy with something else does (each logged "answered busy: unit 1", so a test counts the requests the
master sent); later ones as usual. Units in "silent_writes" answer reads but give no answer
to writes (function 06 or 16), and do not take them. With "mirror": {"20": [256, 513]} a value written to holding
register 256 of unit 20 is also put in holding register 513, as a pile that obeys its limit register offers what it
is given (its status register then shows it). With "vanish_at": 3 the slave exits, without an answer, when unit 3 is
asked: the server goes away in the middle of a scan (its connection ends, later ones are refused). With
"vanish_after": 1 as well it first answers unit 3 once, so it goes away in the middle of that unit's probes. With
"any_unit": true the one unit of "units" answers whatever unit id it is asked, as a Modbus TCP meter that ignores the
unit id does. With "busy_then_silent": {"1": 2} unit 1 answers 2 requests busy, then gives the next no answer at all,
and again: each request it is asked again is busy twice, then times out, as a meter busy with something else and
then silent (its line disturbed, or itself hung) is. With "late_ms": 800 every answer is sent 800 ms late, as a slow
meter, or a Modbus TCP gateway in front of a slow line, answers (the server answers nothing else meanwhile); with
"late_units": {"2": 400} only unit 2's, as a slow meter behind a gateway with a prompt one (the server, as the gateway's
one line, answers nothing else meanwhile either).
"""
import json
import logging
import os
import struct
import sys
import time

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.pdu import ExceptionResponse
from pymodbus.framer.socket_framer import ModbusSocketFramer
from pymodbus.server import StartSerialServer, StartTcpServer

FORMATS = {"int16": ">h", "uint16": ">H", "int32": ">i", "uint32": ">I", "float32": ">f"}


def words(entry):
    kind = entry["type"]
    raw = entry["raw"]
    if kind != "float32":
        raw = int(round(raw))
    data = struct.pack(FORMATS[kind], raw)
    ws = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]
    if entry.get("order", "big") == "little":
        ws.reverse()
    return ws


class Mirroring(ModbusSlaveContext):
    """A unit whose writes to one holding register show in another too (a pile offering the limit written)."""

    def __init__(self, source, target, **kwargs):
        super().__init__(**kwargs)
        self.source = source
        self.target = target

    def setValues(self, fc_as_hex, address, values):
        super().setValues(fc_as_hex, address, values)
        if fc_as_hex in WRITES and address <= self.source < address + len(values):
            super().setValues(3, self.target, [values[self.source - address]])


def unit_context(entries, silent_writes=False, mirror=None):
    blocks = {3: {}, 4: {}}
    for entry in entries:
        for i, w in enumerate(words(entry)):
            blocks[entry["function"]][entry["address"] + i] = w
    def block(values):
        # An empty sparse block would answer everything; a sentinel far away keeps it strict.
        return ModbusSparseDataBlock(values or {0xFFFF: 0})
    blocks_of = dict(hr=block(blocks[3]), ir=block(blocks[4]), co=ModbusSparseDataBlock({0xFFFF: 0}),
                     di=ModbusSparseDataBlock({0xFFFF: 0}), zero_mode=True)
    if silent_writes:
        return NoWrites(**blocks_of)
    if mirror:
        return Mirroring(mirror[0], mirror[1], **blocks_of)
    return ModbusSlaveContext(**blocks_of)


class GatewayContext(ModbusServerContext):
    """pymodbus's framer drops a request for a unit it does not serve before any answer can be made, unless
    unit 0 is among those served; naming 0 lets every request through to the context, which then raises
    NoSuchSlaveException for an absent unit, and the server answers that with exception 0B."""

    def slaves(self):
        return list(super().slaves()) + [0]


SERVER_DEVICE_BUSY = 0x06
WRITES = (0x06, 0x10)


class Scripted:
    """What the next requests are answered with beyond the datastore: busy counts, silent writes. The server
    carries out one request at a time (context lookup, execute, response manipulator), so a flag set at the lookup
    is the one the manipulator reads."""

    def __init__(self, busy, silent_writes, busy_then_silent=None):
        self.busy = dict(busy)
        self.silent_writes = set(silent_writes)
        self.busy_then_silent = dict(busy_then_silent or {})
        self.asked = {}
        self.answer_busy = False
        self.answer_none = False

    def looked_up(self, unit):
        if unit in self.busy_then_silent:
            n = self.busy_then_silent[unit]
            turn = self.asked.get(unit, 0)
            self.asked[unit] = turn + 1
            self.answer_busy = turn % (n + 1) < n
            self.answer_none = not self.answer_busy
            return self.answer_busy
        left = self.busy.get(unit, 0)
        self.answer_busy = left > 0
        if left > 0:
            self.busy[unit] = left - 1
        return self.answer_busy


class Untouched(ModbusSlaveContext):
    """The context of a busy request: it says every address exists and changes nothing."""

    def __init__(self):
        super().__init__(zero_mode=True)

    def validate(self, fc_as_hex, address, count=1):
        return True

    def getValues(self, fc_as_hex, address, count=1):
        return [0] * count

    def setValues(self, fc_as_hex, address, values):
        pass


class NoWrites(ModbusSlaveContext):
    """A unit that answers reads but not writes: the writes are not taken."""

    def setValues(self, fc_as_hex, address, values):
        pass


def scripted_context(base, script):
    class ScriptedContext(base):
        def __getitem__(self, slave):
            context = super().__getitem__(slave)
            return Untouched() if script.looked_up(slave) else context
    return ScriptedContext


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    mode = sys.argv[2]
    script = Scripted({int(k): int(v) for k, v in spec.get("busy", {}).items()}, spec.get("silent_writes", []),
                      {int(k): int(v) for k, v in spec.get("busy_then_silent", {}).items()})
    mirrors = {int(k): v for k, v in spec.get("mirror", {}).items()}
    units = {int(k): unit_context(v, int(k) in script.silent_writes, mirrors.get(int(k))) for k, v in spec["units"].items()}
    garbled = set(spec.get("garbled_units", []))
    for u in garbled:
        units.setdefault(u, unit_context([]))
    vanish_at = spec.get("vanish_at")
    answers_before_vanishing = [spec.get("vanish_after", 0)]
    if vanish_at is not None:
        units.setdefault(int(vanish_at), unit_context([]))
    gateway = spec.get("gateway", False)
    if spec.get("any_unit", False):
        (only,) = units.values()
        context = scripted_context(ModbusServerContext, script)(slaves=only, single=True)
    else:
        context = scripted_context(GatewayContext if gateway else ModbusServerContext, script)(slaves=units, single=False)
    framer = ModbusRtuFramer if mode == "rtu" else ModbusSocketFramer

    late_s = spec.get("late_ms", 0) / 1000.0
    late_units = {int(unit): ms / 1000.0 for unit, ms in spec.get("late_units", {}).items()}

    def manipulate(response):
        if late_s > 0:
            time.sleep(late_s)
        if response.unit_id in late_units:
            time.sleep(late_units[response.unit_id])
        if vanish_at is not None and response.unit_id == int(vanish_at) and answers_before_vanishing[0] > 0:
            answers_before_vanishing[0] -= 1
        elif vanish_at is not None and response.unit_id == int(vanish_at):
            logging.warning("asked for unit %s: exiting", vanish_at)
            os._exit(0)
        if script.answer_busy:
            script.answer_busy = False
            busy = ExceptionResponse(response.function_code & 0x7F, SERVER_DEVICE_BUSY)
            busy.transaction_id = response.transaction_id
            busy.unit_id = response.unit_id
            print("answered busy: unit", response.unit_id, flush=True)
            return busy, False
        if script.answer_none:
            script.answer_none = False
            print("answered nothing: unit", response.unit_id, flush=True)
            return b"", True  # busy, then silent: the master times out
        if response.unit_id in script.silent_writes and response.function_code in WRITES:
            return b"", True  # no answer: the master times out
        if response.unit_id not in garbled:
            return response, False
        packet = bytearray(framer(None).buildPacket(response))
        if mode == "rtu":
            packet[-1] ^= 0xFF  # break the CRC
        else:
            packet = bytearray(b"\x13\x37garbage-not-modbus\xff\x00")
        return bytes(packet), True

    common = dict(context=context, ignore_missing_slaves=not gateway,
                  response_manipulator=manipulate)
    print("starting", mode, sys.argv[3], flush=True)
    if mode == "tcp":
        StartTcpServer(address=("127.0.0.1", int(sys.argv[3])), **common)
    else:
        StartSerialServer(framer=ModbusRtuFramer, port=sys.argv[3], baudrate=int(sys.argv[4]),
                          bytesize=8, parity="N", stopbits=1, timeout=0.05, **common)


if __name__ == "__main__":
    main()
