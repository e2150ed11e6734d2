#!/usr/bin/env python3
"""An Eastron SDM pile meter for the bridge's meter tests, built on Debian's python3-pymodbus (3.0).

Usage: meter_slave.py STATE.json MODEL UNIT tcp PORT
       meter_slave.py STATE.json MODEL UNIT rtu DEVICE BAUD

MODEL is sdm120 or sdm630. STATE.json: {"powerW": 3520.0, "importKwh": 100.0, "answer": true}, and optionally
"phaseAmps": [16.0, 6.0, 6.0] (one a phase): served only if the first state has it. The file is read
again whenever it changes (write it whole elsewhere and rename it into place), so a test moves the meter on while it
serves. Python's json reads NaN and Infinity. With "answer": false the unit is taken off the bus: requests get no
answer at all and the master times out, as from a meter whose line is broken.

The registers come from Eastron's input register tables (function 04, IEEE-754 float32, high word first; register
3xxxx N is address N - 30001), not from the bridge's code, and the values are encoded here with Python's struct:
  SDM120: 30013 active power (W), 30073 import active energy (kWh)
  SDM630: 30053 total system power (W), 30073 total import active energy (kWh)
  both: 30007 phase 1 current (A), and on the SDM630 30009 and 30011 phases 2 and 3
Every other address answers exception 02 (illegal data address).
"""
import json
import logging
import os
import struct
import sys
import threading
import time

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server import StartSerialServer, StartTcpServer

POWER_REGISTER = {"sdm120": 30013, "sdm630": 30053}
IMPORT_REGISTER = 30073
CURRENT_REGISTER = 30007


def words(value):
    data = struct.pack(">f", value)
    return [int.from_bytes(data[0:2], "big"), int.from_bytes(data[2:4], "big")]


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    state_file, model, unit, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    power = POWER_REGISTER[model] - 30001
    energy = IMPORT_REGISTER - 30001
    with open(state_file, encoding="utf-8") as f:
        currents = CURRENT_REGISTER - 30001 if "phaseAmps" in json.load(f) else None
    served = [power, power + 1, energy, energy + 1]
    if currents is not None:
        served += range(currents, currents + 2 * (3 if model == "sdm630" else 1))
    registers = ModbusSparseDataBlock({address: 0 for address in served})
    meter = ModbusSlaveContext(ir=registers, hr=ModbusSparseDataBlock({0xFFFF: 0}),
                               co=ModbusSparseDataBlock({0xFFFF: 0}), di=ModbusSparseDataBlock({0xFFFF: 0}),
                               zero_mode=True)
    context = ModbusServerContext(slaves={unit: meter}, single=False)

    def apply(state):
        meter.setValues(4, power, words(state["powerW"]))
        meter.setValues(4, energy, words(state["importKwh"]))
        if currents is not None:
            meter.setValues(4, currents, [w for amps in state["phaseAmps"] for w in words(amps)])
        answering = unit in context
        if state.get("answer", True) and not answering:
            context[unit] = meter
        elif not state.get("answer", True) and answering:
            del context[unit]
        print("serving", json.dumps(state), flush=True)

    def key():
        st = os.stat(state_file)
        return st.st_ino, st.st_mtime_ns, st.st_size

    def follow(seen):
        while True:
            try:
                now = key()
                if now != seen:
                    with open(state_file, encoding="utf-8") as f:
                        state = json.load(f)
                    apply(state)
                    seen = now
            except (OSError, ValueError) as e:
                print("cannot read", state_file, e, flush=True)
            time.sleep(0.02)

    first = key()
    with open(state_file, encoding="utf-8") as f:
        apply(json.load(f))
    threading.Thread(target=follow, args=(first,), daemon=True).start()
    common = dict(context=context, ignore_missing_slaves=True)
    print("starting", mode, sys.argv[5], flush=True)
    if mode == "tcp":
        StartTcpServer(address=("127.0.0.1", int(sys.argv[5])), **common)
    else:
        StartSerialServer(framer=ModbusRtuFramer, port=sys.argv[5], baudrate=int(sys.argv[6]),
                          bytesize=8, parity="N", stopbits=1, timeout=0.05, **common)


if __name__ == "__main__":
    main()
