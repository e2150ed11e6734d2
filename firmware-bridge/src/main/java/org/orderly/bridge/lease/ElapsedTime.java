package org.orderly.bridge.lease;

import java.time.Clock;

/**
 * Time passed, which setting the wall clock does not move. A lease lapses after its time to live has passed, so that
 * NTP setting the bridge's clock back an hour does not keep a dead gateway's current for an hour more, nor setting it
 * forward end a lease early. A clock that tests move by hand implements this too, so that its time passes.
 */
public interface ElapsedTime {

    /** Nanoseconds from an arbitrary origin; only differences mean anything, as with {@link System#nanoTime}. */
    long nanos();

    /** The time passed of {@code clock} if it tells it (a test's clock), else the system's. */
    static ElapsedTime of(Clock clock) {
        return clock instanceof ElapsedTime e ? e : System::nanoTime;
    }
}
