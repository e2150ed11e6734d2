package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pile's status ages by the time elapsed since it was read, whatever NTP does to the wall clock meanwhile. */
class PileStateTest {
    private static final Instant T0 = Instant.parse("2026-01-15T11:00:00Z");
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(70);

    private static PileState readAt(Instant wall) {
        return new PileState("P1", ChargeState.C, 16, 3.5, 1.2, Optional.empty(), wall);
    }

    @Test
    void aPileThatFallsSilentIsStaleAfterMaxAgeAcrossAStepBack() {
        PileState s = readAt(T0);
        // Just after 11:00 the wall clock steps back an hour, and the pile says nothing more for 80 s.
        Instant now = T0.minus(Duration.ofHours(1)).plusSeconds(80);
        assertThat(s.isStale(now, OFFLINE_AFTER)).as("silent for 80 s, offline after 70 s").isTrue();
    }

    @Test
    void aStepForwardDoesNotAgeAStatusReadASecondAgo() {
        PileState s = readAt(T0);
        // A second later the wall clock steps forward an hour.
        Instant now = T0.plus(Duration.ofHours(1)).plusSeconds(1);
        assertThat(s.isStale(now, OFFLINE_AFTER)).isFalse();
    }
}
