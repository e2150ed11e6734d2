package org.orderly.bridge.meter;

/** A change in how the meter answers, as logged: the moments the bridge's log speaks of the meter at all. */
public sealed interface MeterEvent {

    /** The log line's text: the pile, the meter, its transport and unit, and what happened. */
    String message();

    /** It stopped answering (WARN): a timeout, a refused connection, a garbled or exception reply. */
    record Failing(String message) implements MeterEvent {
    }

    /** It answered with a value that cannot be (WARN); the value is not taken. */
    record Refused(String message) implements MeterEvent {
    }

    /** Its import total, refused for going backwards, held at the next answer: a reset or new meter (INFO). */
    record Rebased(String message) implements MeterEvent {
    }

    /** It answers again with good values after failing or being refused (INFO). */
    record Answering(String message) implements MeterEvent {
    }
}
