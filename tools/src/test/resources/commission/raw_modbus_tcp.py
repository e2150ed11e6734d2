#!/usr/bin/env python3
"""A Modbus TCP server on 127.0.0.1 that answers reads of holding or input registers wrongly, as some meters and
RS-485 gateways do: the wire bytes written by hand, no Modbus library, so that nothing tidies the reply.

usage: raw_modbus_tcp.py PORT MODE [ARG]
  cut     the header promises every register asked, half of them come, then the connection is closed
  count   a whole frame by its header, its byte count promising every register asked, half of them in it
  fewer   a well-formed frame of half the registers asked (byte count and header agree)
  unit U  every register asked (0x4366 each), from unit U whatever unit was asked
  huge    every register asked as 0x7F7F (a float32 of 3.4e38, a meter's "no value")
  close   reads the request and closes the connection without a word (a server that closed, not a reply cut short)
  short   the first 5 bytes of a whole reply (less than a header and function), then the connection is closed
  drip    a whole reply, a byte every 200 ms: each byte within any timeout, the whole far beyond it
  refuse U  an exception frame (02, illegal data address) from unit U whatever unit was asked: unit U's own refusal,
          and, to any other unit asked, unit U's (a late one a TCP-to-RS-485 gateway passes on)
  one U   as unit U (the unit asked when U is 0), on one connection at a time, as many RS-485-to-TCP converters take:
          a second connection while one is open is left unanswered until the first closes
Each connection taken is said on stdout ("connection N").
"""
import socket
import struct
import sys
import threading
import time


def reply(mode, arg, transaction, unit, function, count):
    words = [0x7F7F if mode == "huge" else 0x4366] * count
    half = words[:count // 2]
    if mode == "unit" or (mode == "one" and arg):
        unit = arg
    if mode in ("cut", "count", "fewer"):
        data = struct.pack(">%dH" % len(half), *half)
    else:
        data = struct.pack(">%dH" % count, *words)
    byte_count = 2 * count if mode in ("cut", "count") else len(data)
    pdu = bytes([function, byte_count & 0xFF]) + data
    length = 1 + 2 + 2 * count if mode == "cut" else 1 + len(pdu)
    return struct.pack(">HHHB", transaction, 0, length, unit) + pdu


def read_exactly(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def serve(conn, mode, arg):
    try:
        answer(conn, mode, arg)
    except OSError:
        pass  # the client went away (a drip outlasting its timeout)


def answer(conn, mode, arg):
    with conn:
        while True:
            head = read_exactly(conn, 7)
            if head is None:
                return
            transaction, _, length, unit = struct.unpack(">HHHB", head)
            pdu = read_exactly(conn, length - 1)
            if pdu is None:
                return
            function, _, count = struct.unpack(">BHH", pdu[:5])
            if mode == "close":
                return
            if mode == "refuse":
                conn.sendall(struct.pack(">HHHBBB", transaction, 0, 3, arg, function | 0x80, 2))
                continue
            whole = reply(mode, arg, transaction, unit, function, count)
            if mode == "short":
                conn.sendall(whole[:5])
                return
            if mode == "drip":
                for b in whole:
                    conn.sendall(bytes([b]))
                    time.sleep(0.2)
                continue
            conn.sendall(whole)
            if mode == "cut":
                return


def main():
    port, mode = int(sys.argv[1]), sys.argv[2]
    arg = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(5)
    print("serving %s on 127.0.0.1:%d" % (mode, port), flush=True)
    taken = 0
    while True:
        conn, _ = server.accept()
        taken += 1
        print("connection %d" % taken, flush=True)
        if mode == "one":
            serve(conn, mode, arg)  # the next connection waits in the backlog, unanswered, until this one closes
        else:
            threading.Thread(target=serve, args=(conn, mode, arg), daemon=True).start()


if __name__ == "__main__":
    main()
