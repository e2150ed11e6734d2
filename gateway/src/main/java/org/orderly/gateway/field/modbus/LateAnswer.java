package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A Modbus unit that timed out on every request, asked once more with a long wait. A meter slower than the timeout (a
 * Modbus TCP gateway in front of a slow RS-485 line, a meter busy with its display) looks exactly like an absent one,
 * and "check the unit id, the line settings and the wiring" sends the installer to the wrong place: told instead how
 * long it took, and what timeout to give. The one way of asking so: {@code orderly modbus read} and {@code selftest}
 * ask with it, and the running gateway's {@link BusPoller} when it says at WARN that a meter's polls time out.
 */
public final class LateAnswer {
    /** The least the unit is given to answer when asked again: ten times the commands' default timeout. */
    public static final Duration LEAST_WAIT = Duration.ofSeconds(3);

    private LateAnswer() {
    }

    /**
     * Whether {@code failure} is one a unit slower than the timeout gives: a timeout, without a busy answer before it
     * (a busy unit answers: it is there, the timeout no matter) nor a Modbus gateway's word that the unit behind it
     * did not answer (the gateway waited its own time, not ours).
     */
    public static boolean silent(FieldReadException failure) {
        return failure.kind() == FailureKind.TIMEOUT && AnsweredBusyBefore.times(failure) == 0
                && !FailureClassifier.gatewaySaidNoReply(failure);
    }

    /**
     * Asks {@code block} of {@code unit} again on a link of its own, which the caller's must not hold open (a serial port
     * has one user at a time); and once it has answered, once more, which is the time told: a Modbus TCP gateway, or
     * the meter itself, may first work through the requests that timed out before, answering each late.
     *
     * @param timeout the timeout every request timed out within
     * @return how long the unit took to answer, any answer (an exception response is one too); empty when it did not
     *         answer even given three times {@code timeout}, or {@link #LEAST_WAIT}, or a gateway said it did not
     */
    public static Optional<Duration> after(BusEndpoint line, int unit, ReadBlock block, Duration timeout) throws InterruptedException {
        Duration wait = timeout.multipliedBy(3).compareTo(LEAST_WAIT) > 0 ? timeout.multipliedBy(3) : LEAST_WAIT;
        try (J2modLink link = new J2modLink(line, wait)) {
            Optional<Duration> first = ask(link, unit, block);
            return first.isEmpty() ? first : ask(link, unit, block).or(() -> first);
        }
    }

    private static Optional<Duration> ask(J2modLink link, int unit, ReadBlock block) throws InterruptedException {
        long start = System.nanoTime();
        try {
            link.read(unit, block.function(), block.start(), block.count());
        } catch (FieldReadException e) {
            boolean answered = e.kind() == FailureKind.EXCEPTION_RESPONSE && !FailureClassifier.gatewaySaidNoReply(e)
                    || e.kind() == FailureKind.BUSY;
            if (!answered) {
                // Silent even so: the caller's own failure, which it already holds, is what is told.
                return Optional.empty();
            }
        }
        return Optional.of(Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * What a unit that answered late is told to give: twice what it took, when the setting takes that; else the most
     * it takes, when the unit answers within it, or a line of its own, when that takes longer (a bus carrying Modbus
     * piles takes no more than their leases allow); else that no timeout it can be given is long enough.
     *
     * @param who     {@code unit 1 on tcp://127.0.0.1:502}
     * @param setting the timeout's setting with a value: {@code --timeout-ms 300}, or {@code timing.timeoutMs 300 of bus
     *                'room'}
     * @param bound   the longest timeout the setting takes there
     */
    public static String advice(String who, Duration took, Duration timeout, LongFunction<String> setting, TimeoutBound bound) {
        // Twice what it took, to the 100 ms above: one answer's time is no meter's slowest.
        long give = (took.toMillis() * 2 + 99) / 100 * 100;
        String said = who + " answers, but only after " + took.toMillis() + " ms, later than " + setting.apply(timeout.toMillis())
                + " waits (a slow meter, or a Modbus gateway in front of a slow line): ";
        String right = "; its unit id and the line are right";
        if (give <= bound.mostMs()) {
            return said + "give " + setting.apply(give) + ", twice what it took" + right;
        }
        String most = setting.apply(bound.mostMs()) + ", " + bound.why();
        String ownLine = bound.ownLine() && give <= TimeoutBound.MOST_MS
                ? "give the meter a line of its own, without Modbus piles, with a timing.timeoutMs of " + give
                        + ", twice what it took"
                : "";
        if (took.toMillis() < bound.mostMs()) {
            return said + "give " + most + ", less than twice what it took" + (ownLine.isEmpty() ? "" : "; or " + ownLine) + right;
        }
        return said + "even " + most + ", is too short" + (ownLine.isEmpty() ? ": it answers too late to be read" : ": " + ownLine)
                + right;
    }
}
