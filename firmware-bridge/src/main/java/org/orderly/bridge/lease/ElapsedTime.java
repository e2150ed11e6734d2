package org.orderly.bridge.lease;

/**
 * Time passed, which setting the wall clock does not move. A lease lapses after its time to live has passed, so that
 * NTP setting the bridge's clock back an hour does not keep a dead gateway's current for an hour more, nor setting it
 * forward end a lease early.
 */
@FunctionalInterface
public interface ElapsedTime {

    /** Nanoseconds from an arbitrary origin; only differences mean anything, as with {@link System#nanoTime}. */
    long nanos();

    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    ElapsedTime SYSTEM = System::nanoTime;
}
