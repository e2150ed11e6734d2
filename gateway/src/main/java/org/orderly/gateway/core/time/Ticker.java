package org.orderly.gateway.core.time;

/**
 * Elapsed time, which only moves forward: what readings are ordered and aged by, and what the field's pacing waits
 * on. The wall clock ({@link java.time.Clock}) stamps what people read and what is recorded, but NTP may step it
 * either way at any moment: after a step back of an hour a reading stamped just before would look newer than every
 * one of that hour, and never old; after a step forward every reading would look old at once.
 */
@FunctionalInterface
public interface Ticker {

    Tick now();

    /** The JVM's monotonic clock, {@link System#nanoTime()}; the live gateway's. */
    Ticker SYSTEM = () -> new Tick(System.nanoTime());
}
