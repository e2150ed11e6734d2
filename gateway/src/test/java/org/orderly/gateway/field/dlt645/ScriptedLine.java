package org.orderly.gateway.field.dlt645;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.MutableClock;

/**
 * A {@link SerialLine} for poller tests: one meter answering each identifier of {@code values}, each exchange costing
 * {@code perExchange} on the hand-moved time (the wire time at 2400 baud and the meter's reply delay), every request
 * recorded with the tick it was sent at. A test may have some replies arrive garbled (a bad checksum, as noise on
 * RS-485 leaves them), some identifiers refused (no such data), and the meter fall silent.
 */
final class ScriptedLine implements SerialLine {
    record Sent(DataId di, Tick at) {
    }

    private final MutableClock time;
    private final Duration perExchange;
    /** The reply to a request for an identifier, from the address asked, or as a test has it. */
    private final BiFunction<Frame, DataId, Frame> answer;
    final List<Sent> sent = new ArrayList<>();
    private final PendingBytes pending = new PendingBytes();
    private int garbledReplies;
    private boolean silent;
    private final Set<DataId> refused = new HashSet<>();

    ScriptedLine(MutableClock time, Duration perExchange, Map<DataId, Double> values) {
        this(time, perExchange, valuesOf(Map.copyOf(values)));
    }

    private ScriptedLine(MutableClock time, Duration perExchange, BiFunction<Frame, DataId, Frame> answer) {
        this.time = time;
        this.perExchange = perExchange;
        this.answer = answer;
    }

    /** A line on which whatever is asked is answered with {@code reply} (another meter's, say), at once. */
    static ScriptedLine answering(Frame reply) {
        return new ScriptedLine(new MutableClock(Instant.EPOCH), Duration.ZERO, (request, di) -> reply);
    }

    private static BiFunction<Frame, DataId, Frame> valuesOf(Map<DataId, Double> values) {
        return (request, di) -> {
            byte[] value = di.encode(values.get(di));
            byte[] data = Arrays.copyOf(di.wireBytes(), 4 + value.length);
            System.arraycopy(value, 0, data, 4, value.length);
            return new Frame(request.address(), ControlCode.REPLY | ControlCode.READ_DATA, data);
        };
    }

    /** The next {@code replies} replies arrive with a bad checksum. */
    void garbleNext(int replies) {
        garbledReplies = replies;
    }

    /** From now on no request is answered ({@code true}), or every one again. */
    void silent(boolean silent) {
        this.silent = silent;
    }

    /** Every request for {@code di} is refused: no such data, as a meter without it answers. */
    void refuse(DataId di) {
        refused.add(di);
    }

    @Override
    public void discardInput() {
        pending.clear();
    }

    @Override
    public void write(byte[] bytes) {
        if (!(FrameScanner.scan(bytes, bytes.length) instanceof FrameScanner.Scan.Found found)) {
            throw new AssertionError("not a whole frame: " + Arrays.toString(bytes));
        }
        Frame request = found.frame();
        byte[] wire = Arrays.copyOf(request.data(), 4);
        DataId di = Arrays.stream(DataId.values()).filter(d -> Arrays.equals(d.wireBytes(), wire)).findFirst()
                .orElseThrow(() -> new AssertionError("unknown identifier " + Arrays.toString(wire)));
        sent.add(new Sent(di, time.now()));
        if (silent) {
            return;
        }
        time.advance(perExchange);
        Frame reply = refused.contains(di)
                ? new Frame(request.address(), ControlCode.REPLY | ControlCode.ABNORMAL | ControlCode.READ_DATA,
                        new byte[] {0x02})
                : answer.apply(request, di);
        byte[] replyBytes = reply.withPreamble();
        if (garbledReplies > 0) {
            garbledReplies--;
            replyBytes[replyBytes.length - 2] ^= 0x01; // the checksum, just before the closing 16
        }
        pending.set(replyBytes);
    }

    /** With nothing to read, waits all of {@code wait} on the hand-moved time, as a port with nothing coming does. */
    @Override
    public int read(byte[] buf, int off, int len, Duration wait) {
        if (pending.isEmpty()) {
            time.advance(wait);
            return 0;
        }
        return pending.readInto(buf, off, len);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "scripted line";
    }
}
