package org.orderly.tools.aggregate;

/** What one MQTT message turned out to be after validation. */
public sealed interface Inbound {

    /** A valid telemetry message: counted in the load buckets. */
    record TelemetryMessage(Envelope envelope, Telemetry telemetry) implements Inbound {
    }

    /** A valid message of another type (state, plan, event, session): it only advances the gateway's seq. */
    record OtherMessage(Envelope envelope) implements Inbound {
    }

    /**
     * A valid event in which the gateway names numbers it skipped on purpose ({@code outbox.setAside},
     * {@code outbox.trimmed}, {@code outbox.timeUnknown}): they are not counted as missing.
     */
    record SkipNotice(Envelope envelope, Skipped skipped) implements Inbound {
    }

    /**
     * A valid {@code online} that names its connection's will ({@code "will"}, gateways since 2026-12-01): that number
     * is held by the gateway while it is connected, so it is not missing.
     */
    record OnlineState(Envelope envelope, long will) implements Inbound {
    }

    /**
     * A valid {@code offline} (a connection's will, or a clean stop's): its number was given with its connection's
     * {@code online}, so one below every number heard opens no gap ({@link SeqTracker#see(String, long, boolean)}).
     */
    record OfflineState(Envelope envelope) implements Inbound {
    }

    /**
     * A valid {@code outbox.dropped} event: its gateway's full queue dropped {@code dropped} messages before numbering
     * them, so they leave no gap and are counted from the event.
     */
    record DropNotice(Envelope envelope, long dropped) implements Inbound {
    }

    /** A message that breaks the contract; {@code reason} says what and where, for one log line. */
    record Rejected(String topic, String reason) implements Inbound {
    }
}
