package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TsBoundsTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-29T12:00:00Z");
    private final TsBounds bounds = new TsBounds(Duration.ofMinutes(5), Duration.ofHours(192));

    private static Envelope telemetry(Instant ts) {
        return new Envelope("telemetry", "gw-1:7", 7, "gw-1", ts);
    }

    @Test
    void telemetryFromAGatewayWhoseClockIsAt1970IsImplausible() {
        assertThat(bounds.implausible(telemetry(Instant.parse("1970-01-01T00:03:12Z")), RECEIVED))
                .isEqualTo("ts 1970-01-01T00:03:12Z lies more than 192 h before this machine's clock"
                        + " (2026-11-29T12:00:00Z): earlier than 2026-11-21T12:00:00Z, older than a gateway's outbox"
                        + " keeps a message, so the gateway's clock was wrong");
    }

    @Test
    void aBacklogWithinTheOutboxAgeIsPlausible() {
        // A gateway back after a week offline sends what its outbox kept (168 h by default).
        assertThat(bounds.implausible(telemetry(RECEIVED.minus(Duration.ofHours(168))), RECEIVED)).isNull();
        assertThat(bounds.implausible(telemetry(RECEIVED.minus(Duration.ofHours(192))), RECEIVED)).isNull();
        assertThat(bounds.implausible(telemetry(RECEIVED.minus(Duration.ofHours(192)).minusMillis(1)), RECEIVED))
                .startsWith("ts 2026-11-21T11:59:59.999Z lies more than 192 h before");
    }

    @Test
    void aTsAheadByMoreThanTheSkewIsImplausible() {
        assertThat(bounds.implausible(telemetry(RECEIVED.plusSeconds(300)), RECEIVED)).isNull();
        assertThat(bounds.implausible(telemetry(RECEIVED.plusSeconds(301)), RECEIVED))
                .isEqualTo("ts 2026-11-29T12:05:01Z lies more than 300 s ahead of this machine's clock"
                        + " (2026-11-29T12:00:00Z)");
        assertThat(bounds.implausible(new Envelope("event", "gw-1:8", 8, "gw-1", RECEIVED.plusSeconds(301)), RECEIVED))
                .startsWith("ts 2026-11-29T12:05:01Z lies more than 300 s ahead");
    }

    @Test
    void onlyTelemetryIsHeldToTheAge() {
        // A session's ts is its departure, which may be older than the outbox age when the box was down (a session
        // closed as departed unseen); a state message's ts is when its pair was made, as old as the connection.
        Instant old = Instant.parse("2026-10-01T00:00:00Z");
        for (String type : new String[] {"session", "state", "event", "plan"}) {
            assertThat(bounds.implausible(new Envelope(type, "gw-1:9", 9, "gw-1", old), RECEIVED)).isNull();
        }
    }
}
