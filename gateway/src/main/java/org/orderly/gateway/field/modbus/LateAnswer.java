package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.SlowAnswer;
import org.orderly.gateway.field.TimeoutBound;

/**
 * A Modbus unit that timed out on every request, asked once more with a long wait. A meter slower than the timeout (a
 * Modbus TCP gateway in front of a slow RS-485 line, a meter busy with its display) looks exactly like an absent one,
 * and "check the unit id, the line settings and the wiring" sends the installer to the wrong place: told instead how
 * long it took, and what timeout to give. The one way of asking so: {@code orderly modbus read} and {@code selftest}
 * ask with it, and the running gateway's {@link BusPoller} when it says at WARN that a meter's polls time out.
 */
public final class LateAnswer {
    private LateAnswer() {
    }

    /**
     * Whether {@code failure} is one a unit slower than the timeout gives: a timeout, without a busy answer before it
     * (a busy unit answers: it is there, the timeout no matter), a Modbus gateway's word that the unit behind it did
     * not answer (the gateway waited its own time, not ours), nor a cut while the unit still sent its reply ({@link
     * FieldReadException#cutWhileReplying}: it answered, a byte at a time, and the cut's own words say what to check;
     * asked given longer, its reply dripped whole would tell a timeout to give instead). Until 2026-12-07 the tools
     * kept that last exception apart, and the running gateway's {@link BusPoller} asked such a meter
     * ({@code DrippingMeterTest.aDrippingTransformerMeterIsNotAskedAgainGivenLonger}).
     */
    public static boolean silent(FieldReadException failure) {
        return failure.kind() == FailureKind.TIMEOUT && AnsweredBusyBefore.times(failure) == 0
                && !FailureClassifier.gatewaySaidNoReply(failure) && !failure.cutWhileReplying();
    }

    /**
     * Asks {@code block} of {@code unit} again on a link of its own, which the caller's must not hold open (a serial port
     * has one user at a time); and once it has answered, once more, which is the time told: a Modbus TCP gateway, or
     * the meter itself, may first work through the requests that timed out before, answering each late.
     *
     * @param timeout the timeout every request timed out within
     * @return how long the unit took to answer, any answer (an exception response is one too); empty when it did not
     *         answer even given {@link SlowAnswer#waitFor}, or a gateway said it did not
     */
    public static Optional<Duration> after(BusEndpoint line, int unit, ReadBlock block, Duration timeout) throws InterruptedException {
        try (J2modLink link = new J2modLink(line, SlowAnswer.waitFor(timeout))) {
            return SlowAnswer.took(Ticker.SYSTEM, () -> answered(link, unit, block));
        }
    }

    /**
     * Asks {@code block} of {@code unit} once on a link of its own waiting {@code wait}, which the caller's must not
     * hold open: the running gateway's ask, one a cycle in what the cycle leaves ({@link org.orderly.gateway.field.LateAsks}).
     *
     * @return how long the unit took to answer, any answer; empty when it did not, or a gateway said it did not
     */
    public static Optional<Duration> once(BusEndpoint line, int unit, ReadBlock block, Duration wait) throws InterruptedException {
        try (J2modLink link = new J2modLink(line, wait)) {
            return SlowAnswer.once(Ticker.SYSTEM, () -> answered(link, unit, block));
        }
    }

    private static boolean answered(J2modLink link, int unit, ReadBlock block) throws InterruptedException {
        try {
            link.read(unit, block.function(), block.start(), block.count());
            return true;
        } catch (FieldReadException e) {
            // Silent even so (false): the caller's own failure, which it already holds, is what is told.
            return e.kind() == FailureKind.EXCEPTION_RESPONSE && !FailureClassifier.gatewaySaidNoReply(e)
                    || e.kind() == FailureKind.BUSY;
        }
    }

    /**
     * What a unit that answered late is told to give ({@link SlowAnswer#advice}), said of a Modbus unit.
     *
     * @param who     {@code unit 1 on tcp://127.0.0.1:502}
     * @param setting the timeout's setting with a value: {@code --timeout-ms 300}, or {@code timing.timeoutMs 300 of bus
     *                'room'}
     * @param bound   the longest timeout the setting takes there
     */
    public static String advice(String who, Duration took, Duration timeout, LongFunction<String> setting, TimeoutBound bound) {
        return SlowAnswer.advice(who, took, timeout, "a slow meter, or a Modbus gateway in front of a slow line", setting,
                "its unit id and the line", bound);
    }
}
