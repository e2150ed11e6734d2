package org.orderly.gateway.field;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The asks given longer ({@link SlowAnswer}) of the meters whose polls time out on a line with a transformer meter,
 * whose next read, the overload protection's, nothing before it may push late. A meter is asked on the poller's
 * thread, on the line the poller holds (a serial port has one master, and a converter in front of one RS-485 line
 * serves one request at a time: an ask on a connection of its own would hold the line all the same, and the
 * transformer's request would wait behind it in the converter), but only in the room a cycle leaves before the next
 * cycle's transformer reads (the poller says where in the cycle), and one ask a cycle: the two asks {@link SlowAnswer#took} makes (the
 * second the time told) are spread over two cycles. A meter slower than that room is told so, not waited for. The
 * WARN of its polls says it is asked so ({@link #WARN_SAYS}); what it answered follows in a line of its own. Queued
 * meters are asked in turn; one that answers whole again meanwhile is not asked ({@link #forget}). The poller's thread
 * only.
 */
public final class LateAsks {
    /** What the WARN of a meter whose polls time out adds, the ask made later, in the room after a transformer read. */
    public static final String WARN_SAYS = "it is asked again, given longer, only in what the next cycles leave before"
            + " the transformer read (not to push that read late): said below";

    /** One ask of the meter, waiting {@code wait} for its answer. */
    @FunctionalInterface
    public interface Ask {
        /**
         * @return how long the meter took to answer (a refusal is an answer too); empty when silent even so
         * @throws NotAsked when the line would not let it be asked: said at DEBUG; a port that would not open, the
         *                  meter not asked again, the next poll telling the line's failure; a request not sent by its
         *                  time ({@link NotAsked#notSentByItsTime}), asked again in a later cycle's room
         */
        Optional<Duration> once(Duration wait) throws NotAsked, InterruptedException;
    }

    /** The line would not let the meter be asked. */
    public static final class NotAsked extends Exception {
        private final boolean askAgain;

        /** The line failed (a port that would not open): the meter is not asked again until its next WARN. */
        public NotAsked(String message, Throwable cause) {
            this(message, cause, false);
        }

        private NotAsked(String message, Throwable cause, boolean askAgain) {
            super(message, cause);
            this.askAgain = askAgain;
        }

        /**
         * The request was not sent by its time (the line not quiet by then after another meter's cut reply): nothing of
         * the meter is known, and it stays queued for a later cycle's room.
         */
        public static NotAsked notSentByItsTime(String message, Throwable cause) {
            return new NotAsked(message, cause, true);
        }
    }

    /**
     * A meter waiting to be asked.
     *
     * @param advice what a meter that answered after a given time is told to give ({@link SlowAnswer#advice})
     * @param firstTook what its first ask took; null before it answered one
     */
    private record Pending(String meterId, String meter, Duration timeout, Ask ask, Function<Duration, String> advice,
                           Duration firstTook) {
    }

    private final Logger log;
    private final String line;
    private final Deque<Pending> queued = new ArrayDeque<>();

    /** @param line names the bus in log lines, e.g. {@code bus room} */
    public LateAsks(Logger log, String line) {
        this.log = Objects.requireNonNull(log, "log");
        this.line = Objects.requireNonNull(line, "line");
    }

    /**
     * The check for the WARN of {@code meter}, whose polls timed out within {@code timeout}: queues the ask, which
     * {@link #askIn} makes later, and adds {@link #WARN_SAYS} to the WARN.
     *
     * @param meter as the log names it, e.g. {@code meter p1 (unit 2)}
     */
    public LateCheck later(String meterId, String meter, Duration timeout, Ask ask, Function<Duration, String> advice) {
        return () -> {
            forget(meterId);
            queued.add(new Pending(meterId, meter, timeout, ask, advice, null));
            return Optional.of(WARN_SAYS);
        };
    }

    /**
     * The check for the WARN of {@code meter}, whose polls timed out within {@code timeout}, where the ask pushes no
     * transformer read late (a line without a transformer meter, or of its one transformer meter, whose reading is
     * missing anyway): asked in the WARN, given the whole wait ({@link SlowAnswer#waitFor}), twice if it answers (the
     * second the time told, as {@link SlowAnswer#took}); the cycle it is asked in is that much late, once a WARN.
     */
    public LateCheck atOnce(String meter, Duration timeout, Ask ask, Function<Duration, String> advice) {
        return () -> {
            Duration wait = SlowAnswer.waitFor(timeout);
            Optional<Duration> took;
            try {
                Optional<Duration> first = ask.once(wait);
                took = first.isEmpty() ? first : ask.once(wait).or(() -> first);
            } catch (NotAsked e) {
                log.debug("{}: {} not asked again, given longer: {}", line, meter, e.getMessage());
                return Optional.empty();
            } catch (InterruptedException stop) {
                // a stop: the WARN is said as it was, and the poller's next wait, interrupted again, ends the poll
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            log.debug("{}: {} asked again, given {} ms: {}", line, meter, wait.toMillis(),
                    took.map(t -> "answered after " + t.toMillis() + " ms").orElse("silent"));
            return took.map(advice);
        };
    }

    /** Whether a meter waits to be asked: the poller then makes room for {@link #askIn}. */
    public boolean waiting() {
        return !queued.isEmpty();
    }

    /** {@code meterId} answered whole again: no longer asked (its time would now be within the timeout). */
    public void forget(String meterId) {
        queued.removeIf(p -> p.meterId().equals(meterId));
    }

    /**
     * In a cycle's room before the next transformer read: asks the first meter waiting, given what a silent meter is given
     * ({@link SlowAnswer#waitFor}) or {@code room}, whichever is less; {@code room} is what is left before the gap
     * before the next transformer read, in the steps the line keeps a timeout in. Not asked, and said, when that is no
     * longer than the timeout its polls timed out within: asking would tell nothing.
     */
    public void askIn(Duration room) throws InterruptedException {
        Pending p = queued.poll();
        if (p == null) {
            return;
        }
        Duration whole = SlowAnswer.waitFor(p.timeout());
        Duration wait = room.compareTo(whole) < 0 ? room : whole;
        if (wait.compareTo(p.timeout()) <= 0) {
            log.warn("{}: {}, whose polls time out (said above), not asked again given longer: the {} ms a cycle leaves"
                    + " before the transformer read is no more than its {} ms timeout; it could be asked longer only by"
                    + " pushing the transformer meter's read, the overload protection's, late", line, p.meter(),
                    wait.toMillis(), p.timeout().toMillis());
            return;
        }
        Optional<Duration> took;
        try {
            took = p.ask().once(wait);
        } catch (NotAsked e) {
            if (e.askAgain) {
                // Behind the others queued: a meter dripping every cycle beside it must not keep them from their room.
                // Until 2026-12-07 it was dropped, not asked until its next WARN, which a streak of failures never gives
                queued.add(p);
                log.debug("{}: {} not asked this cycle, asked in a later one's room: {}", line, p.meter(), e.getMessage());
                return;
            }
            log.debug("{}: {} not asked again, given longer: {}", line, p.meter(), e.getMessage());
            return;
        }
        log.debug("{}: {} asked again, given {} ms: {}", line, p.meter(), wait.toMillis(),
                took.map(t -> "answered after " + t.toMillis() + " ms").orElse("silent"));
        if (p.firstTook() == null && took.isPresent()) {
            // asked once more next cycle, which is the time told: a converter, or the meter, may first have answered
            // a request that timed out before
            queued.addFirst(new Pending(p.meterId(), p.meter(), p.timeout(), p.ask(), p.advice(), took.get()));
            return;
        }
        Optional<Duration> told = took.or(() -> Optional.ofNullable(p.firstTook()));
        if (told.isPresent()) {
            log.warn("{}: {}, whose polls time out (said above): {}", line, p.meter(), p.advice().apply(told.get()));
        } else if (wait.compareTo(whole) < 0) {
            log.warn("{}: {}, whose polls time out (said above), is silent even given {} ms, what a cycle leaves before"
                    + " the transformer read; asked no longer (elsewhere {} ms), not to push that read, the overload"
                    + " protection's, late: a meter slower than that cannot be read on this bus", line, p.meter(),
                    wait.toMillis(), whole.toMillis());
        } else {
            log.info("{}: {}, whose polls time out (said above), is silent even given {} ms", line, p.meter(),
                    wait.toMillis());
        }
    }
}
