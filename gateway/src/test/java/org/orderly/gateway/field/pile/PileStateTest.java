package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

/** A pile's status ages by the time elapsed since it was read, whatever NTP does to the wall clock meanwhile. */
class PileStateTest {
    private static final Instant T0 = Instant.parse("2026-01-15T11:00:00Z");
    private static final Tick AT_T0 = new Tick(7_000_000_000L);
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(70);

    private static PileState readAt(Instant wall, Tick tick) {
        return new PileState("P1", ChargeState.C, 16, 3.5, 1.2, Optional.empty(), wall, tick);
    }

    @Test
    void aPileThatFallsSilentIsStaleAfterMaxAgeAcrossAStepBack() {
        PileState s = readAt(T0, AT_T0);
        // Just after 11:00 the wall clock steps back an hour, and the pile says nothing more for 80 s.
        Tick now = AT_T0.plus(Duration.ofSeconds(80));
        assertThat(s.isStale(now, OFFLINE_AFTER)).as("silent for 80 s, offline after 70 s").isTrue();
        assertThat(s.isStale(AT_T0.plus(Duration.ofSeconds(70)), OFFLINE_AFTER)).isFalse();
    }

    @Test
    void aStepForwardDoesNotAgeAStatusReadASecondAgo() {
        PileState s = readAt(T0, AT_T0);
        // A second later the wall clock steps forward an hour.
        Tick now = AT_T0.plus(Duration.ofSeconds(1));
        assertThat(s.isStale(now, OFFLINE_AFTER)).isFalse();
        assertThat(s.age(now)).isEqualTo(Duration.ofSeconds(1));
    }
}
