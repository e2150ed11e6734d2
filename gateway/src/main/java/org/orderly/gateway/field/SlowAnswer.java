package org.orderly.gateway.field;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/**
 * A meter that timed out on every request, asked once more with a long wait, whatever its protocol: how long it is
 * given, how the time it took is told, and what it is told to give. A meter slower than the timeout looks exactly like
 * an absent one, and "check the address, the line settings and the wiring" sends the installer to the wrong place:
 * told instead how long it took, and what timeout to give. The protocols' own parts (which failure a slow meter gives,
 * how it is asked) are theirs: {@code modbus.LateAnswer}, {@code Dlt645Poller}.
 */
public final class SlowAnswer {
    /** The least the meter is given to answer when asked again: ten times the Modbus commands' default timeout. */
    public static final Duration LEAST_WAIT = Duration.ofSeconds(3);

    /** One request of the meter with the long wait. */
    @FunctionalInterface
    public interface Ask {
        /** @return whether the meter answered (a refusal is an answer too), not silent even so */
        boolean answered() throws InterruptedException;
    }

    private SlowAnswer() {
    }

    /** How long a meter that timed out within {@code timeout} is given: three times that, at least {@link #LEAST_WAIT}. */
    public static Duration waitFor(Duration timeout) {
        Duration thrice = timeout.multipliedBy(3);
        return thrice.compareTo(LEAST_WAIT) > 0 ? thrice : LEAST_WAIT;
    }

    /**
     * Asks, and once answered, asks once more, which is the time told: a converter, or the meter itself, may first
     * answer a request that timed out before, late, within the first ask's wait, which would be taken for its answer.
     *
     * @param ticker what the time taken is measured on
     * @return how long the meter took to answer; empty when it did not (the caller's own failure is then what is told)
     */
    public static Optional<Duration> took(Ticker ticker, Ask ask) throws InterruptedException {
        Optional<Duration> first = once(ticker, ask);
        return first.isEmpty() ? first : once(ticker, ask).or(() -> first);
    }

    /** One ask, timed: how long the meter took to answer; empty when it did not ({@link LateAsks} asks so, a cycle each). */
    public static Optional<Duration> once(Ticker ticker, Ask ask) throws InterruptedException {
        Tick start = ticker.now();
        return ask.answered() ? Optional.of(ticker.now().since(start)) : Optional.empty();
    }

    /**
     * What a meter that answered late is told to give: twice what it took, when the setting takes that; else the most
     * it takes, when the meter answers within it, or a line of its own, when that takes longer (a bus carrying Modbus
     * piles takes no more than their leases allow); else that no timeout it can be given is long enough.
     *
     * @param who     {@code unit 1 on tcp://127.0.0.1:502}, or {@code it}
     * @param slow    what makes a meter so slow on this protocol, said in brackets: {@code a slow meter, or a Modbus
     *                gateway in front of a slow line}
     * @param setting the timeout's setting with a value: {@code --timeout-ms 300}, or {@code timing.timeoutMs 300 of bus
     *                'room'}
     * @param right   what its answering shows is right: {@code its unit id and the line}
     * @param bound   the longest timeout the setting takes there
     */
    public static String advice(String who, Duration took, Duration timeout, String slow, LongFunction<String> setting,
                                String right, TimeoutBound bound) {
        // Twice what it took, to the 100 ms above: one answer's time is no meter's slowest.
        long give = (took.toMillis() * 2 + 99) / 100 * 100;
        String said = who + " answers, but only after " + took.toMillis() + " ms, later than " + setting.apply(timeout.toMillis())
                + " waits (" + slow + "): ";
        String areRight = "; " + right + " are right";
        if (give <= bound.mostMs()) {
            return said + "give " + setting.apply(give) + ", twice what it took" + areRight;
        }
        String most = setting.apply(bound.mostMs()) + ", " + bound.why();
        String ownLine = bound.ownLine() && give <= TimeoutBound.MOST_MS
                ? "give the meter a line of its own, without Modbus piles, with a timing.timeoutMs of " + give
                        + ", twice what it took"
                : "";
        if (took.toMillis() < bound.mostMs()) {
            return said + "give " + most + ", less than twice what it took" + (ownLine.isEmpty() ? "" : "; or " + ownLine)
                    + areRight;
        }
        return said + "even " + most + ", is too short" + (ownLine.isEmpty() ? ": it answers too late to be read" : ": " + ownLine)
                + areRight;
    }
}
