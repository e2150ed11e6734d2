package org.orderly.gateway.field.pile;

import java.util.Optional;
import org.orderly.gateway.core.time.Tick;

/**
 * One pile, as the control loop sees it. Implementations do all I/O on their own thread.
 */
public interface PileDriver extends AutoCloseable {

    /** The pile's id in the compound configuration. */
    String pileId();

    /**
     * Sets the current the pile may offer: 0 (pause) or within the pile's range. Never blocks: the
     * value is queued and sent from the driver's own thread; only the newest pending value is sent.
     * While it stands, the driver refreshes it as a lease every ttl/3. Failures go to the
     * {@link PileListener} and the log, never to the caller.
     *
     * @throws IllegalArgumentException if {@code amps} is negative or not finite (a caller bug)
     */
    void offer(double amps);

    /**
     * What the pile offers on its own while the gateway cannot reach it; {@link Fallback#UNKNOWN} unless the driver
     * knows.
     */
    default Fallback fallback() {
        return Fallback.UNKNOWN;
    }

    /**
     * Whether the pile took {@code amps} as its limit: the driver's last sending of a limit was of this value and the
     * pile acknowledged it. False until then, after a failed sending, and for a driver that cannot tell.
     */
    default boolean acknowledges(double amps) {
        return false;
    }

    /**
     * When the sending of {@code amps} that the pile acknowledged began, on the ticker its statuses are stamped on: a
     * status received later was asked for, or sent by the pile, after the limit reached it. Empty while
     * {@link #acknowledges} is false, and for a driver that cannot tell.
     */
    default Optional<Tick> acknowledgedSendingAt(double amps) {
        return Optional.empty();
    }

    /**
     * Sendings of a limit to the pile that failed since the driver started (refused, unanswered, not reached), each
     * lease refresh counted as one; read from any thread. 0 for a driver that cannot tell.
     */
    default long setpointFailures() {
        return 0;
    }

    /**
     * The pile id the device at this pile's address says it is, when that is not this pile's (a firmware-bridge's
     * {@code /info pileId}): it is given no limits and {@link #latest} is empty while so. Empty when it is this pile,
     * has not said yet, or cannot say.
     */
    default Optional<String> answersAs() {
        return Optional.empty();
    }

    /** The last status read from the pile, with its read time; empty until the first one. */
    Optional<PileState> latest();

    /**
     * Stops sending and reading, and waits up to {@link PileDriverCloses#THREAD_WAIT} for the driver's thread. Does not
     * reset the pile: its lease runs out and it falls back on its own. Many drivers are closed together by
     * {@link PileDriverCloses#closeAll}, which waits for all their threads at once.
     */
    @Override
    void close();

    /**
     * Begins the close without waiting for the driver's thread: no lease is renewed from now on, no status read, and the
     * thread is asked to end. What it returns ends the close, once. A driver with no thread of its own to wait for
     * closes at once, its end being nothing more.
     */
    default Closing beginClose() {
        close();
        return until -> true;
    }

    /** The end of a close begun by {@link #beginClose}. */
    @FunctionalInterface
    interface Closing {
        /**
         * Waits for the driver's thread until {@code until} (on {@link org.orderly.gateway.core.time.Ticker#SYSTEM}),
         * then lets go of what the driver still holds (its Modbus port).
         *
         * @return whether the thread had ended
         */
        boolean end(Tick until);
    }
}
