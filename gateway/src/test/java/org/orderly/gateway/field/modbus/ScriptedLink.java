package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModbusLink} for poller tests: each unit either answers (every register = its address),
 * fails with a given kind, or fails a number of times first. Each exchange costs {@code perRequest}
 * on the shared clock, or what {@link #takes} says for its unit; every request is recorded with its time. A request
 * given a timeout shorter than its unit's exchange costs that timeout and fails as a timeout, as a socket would.
 */
final class ScriptedLink implements ModbusLink {

    /** @param timeout what the poller gave the request; null when it gave none (the link's own) */
    record Request(int unitId, FunctionCode function, int start, int count, Instant at, Duration timeout) {
    }

    private final MutableClock clock;
    private final Duration perRequest;
    private final Map<Integer, FailureKind> failing = new HashMap<>();
    private final Map<Integer, Integer> failuresLeft = new HashMap<>();
    private final Map<Integer, Duration> took = new HashMap<>();
    private final java.util.Set<Integer> behindGateway = new java.util.HashSet<>();
    /** Units that send every reply a byte at a time, each exchange cut at its deadline. */
    private final Map<Integer, ReplyCut> dripping = new HashMap<>();
    /** Units whose next exchange is cut while they reply, over TCP (nothing of the reply meets the next request). */
    private final Map<Integer, ReplyCut> cutOnce = new HashMap<>();
    /** The last exchange's cut, while the rest of its reply still comes: the next request waits for the line's quiet. */
    private ReplyCut stillComing;
    /** Registers (unit, first register) whose reads always fail, and how. */
    private final Map<List<Integer>, FailureKind> failingBlocks = new HashMap<>();
    final List<Request> requests = new ArrayList<>();
    boolean closed;
    private int stepDuring;
    private Duration step;

    ScriptedLink(MutableClock clock, Duration perRequest) {
        this.clock = clock;
        this.perRequest = perRequest;
    }

    /** During request number {@code n} (from 1) the wall clock steps by {@code step}, as NTP may do at any time. */
    ScriptedLink stepWallClockDuring(int n, Duration step) {
        stepDuring = n;
        this.step = step;
        return this;
    }

    /** Each exchange with {@code unitId} costs {@code d}: a silent unit's, the bus timeout. */
    ScriptedLink takes(int unitId, Duration d) {
        took.put(unitId, d);
        return this;
    }

    /**
     * A Modbus TCP gateway answers for {@code unitId} that the unit behind it did not respond (exception 0B), in the
     * unit's exchange time: a TIMEOUT with that answer as its cause, as {@link J2modLink} throws it.
     */
    ScriptedLink gatewaySaysSilent(int unitId) {
        behindGateway.add(unitId);
        return this;
    }

    /**
     * Unit {@code unitId} sends every reply a byte at a time: each exchange costs {@code cut}'s deadline and fails cut
     * while it replied, and the next request, any unit's, first waits {@code cut}'s wait for a byte for the line to
     * fall quiet, as {@link ModbusConnection} does on a serial line.
     */
    ScriptedLink drips(int unitId, ReplyCut cut) {
        dripping.put(unitId, cut);
        return this;
    }

    /**
     * Unit {@code unitId}'s first exchange is cut at {@code cut}'s deadline while it replied, as over TCP: the
     * connection goes with the cut, so the next request waits for nothing; its later exchanges answer as any unit's.
     */
    ScriptedLink cutOnceOverTcp(int unitId, ReplyCut cut) {
        cutOnce.put(unitId, cut);
        return this;
    }

    ScriptedLink fail(int unitId, FailureKind kind) {
        failing.put(unitId, kind);
        return this;
    }

    /** Every read of unit {@code unitId} from register {@code start} fails as {@code kind}; its other reads answer. */
    ScriptedLink failBlock(int unitId, int start, FailureKind kind) {
        failingBlocks.put(List.of(unitId, start), kind);
        return this;
    }

    ScriptedLink failFirst(int unitId, FailureKind kind, int times) {
        failing.put(unitId, kind);
        failuresLeft.put(unitId, times);
        return this;
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count) throws FieldReadException {
        return exchange(unitId, function, start, count, null);
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout)
            throws FieldReadException {
        return exchange(unitId, function, start, count, timeout);
    }

    private int[] exchange(int unitId, FunctionCode function, int start, int count, Duration timeout)
            throws FieldReadException {
        if (stillComing != null) {
            clock.advance(stillComing.byteWait());
            stillComing = null;
        }
        requests.add(new Request(unitId, function, start, count, clock.instant(), timeout));
        ReplyCut cut = dripping.get(unitId);
        if (cut != null) {
            clock.advance(cut.deadline());
            stillComing = cut;
            throw FieldReadException.cutAtDeadline(cut, "scripted unit " + unitId + ": no whole reply within "
                    + cut.deadline().toMillis() + " ms", null);
        }
        ReplyCut tcpCut = cutOnce.remove(unitId);
        if (tcpCut != null) {
            clock.advance(tcpCut.deadline());
            throw FieldReadException.cutAtDeadline(tcpCut, "scripted unit " + unitId + ": no whole reply within "
                    + tcpCut.deadline().toMillis() + " ms", null);
        }
        Duration cost = took.getOrDefault(unitId, perRequest);
        if (timeout != null && cost.compareTo(timeout) > 0) {
            clock.advance(timeout);
            throw new FieldReadException(FailureKind.TIMEOUT, "scripted unit " + unitId + ": no answer in " + timeout,
                    null);
        }
        clock.advance(cost);
        if (behindGateway.contains(unitId)) {
            throw new FieldReadException(FailureKind.TIMEOUT, "scripted unit " + unitId + ": gateway answered 0B",
                    new com.ghgande.j2mod.modbus.ModbusSlaveException(0x0B));
        }
        if (requests.size() == stepDuring) {
            clock.step(step);
        }
        FailureKind blockFails = failingBlocks.get(List.of(unitId, start));
        if (blockFails != null) {
            throw new FieldReadException(blockFails, "scripted unit " + unitId + " register " + start, null);
        }
        FailureKind kind = failing.get(unitId);
        if (kind != null) {
            Integer left = failuresLeft.get(unitId);
            if (left == null || left > 0) {
                if (left != null) {
                    failuresLeft.put(unitId, left - 1);
                }
                throw new FieldReadException(kind, "scripted unit " + unitId, null);
            }
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = (start + i) & 0xFFFF;
        }
        return words;
    }

    @Override
    public void disconnect() {
        // nothing held: each scripted request is answered in place
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void write(int unitId, WriteFunction function, int address, int raw) {
        throw new UnsupportedOperationException("the scripted link only reads: unit " + unitId + " write 0x"
                + Integer.toHexString(address));
    }
}
