package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.TimeScale;

/**
 * A Modbus register read 0 once, the last count before the gateway stopped, and its true count after the restart
 * (docs/architecture.md, "Sessions across a restart"): the row keeps the 0 and the energy delivered before it, not the
 * count before the 0, so the restart cannot tell a misread 0 from a count begun again; this pins what it does.
 */
class SessionTrackerZeroBeforeRestartTest {
    private static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();

    @Test
    void aZeroStoredBeforeARestartIsCountedOnFromAsACountBegunAgain() {
        long[] seconds = {0};
        SessionTracker before = new SessionTracker(compound, SessionNumbers.inMemory(),
                () -> new Tick(Duration.ofSeconds(seconds[0]).toNanos()), TimeScale.REAL, new CountSteps(Map.of("P1", 0.1)));
        seen(before, 0, 0, seconds);
        seen(before, 6.1, 3000, seconds);
        PluggedSession last = seen(before, 0, 3005, seconds);
        assertThat(last.deliveredKWh()).isCloseTo(6.1, within(1e-9));
        CarriedSession row = new CarriedSession(last.id(), 0, last.arrival(), Declaration.NONE, last.deliveredKWh(),
                last.countKWh(), PLUGGED.plusSeconds(3005));

        SessionTracker after = new SessionTracker(compound, SessionNumbers.inMemory(),
                () -> new Tick(Duration.ofSeconds(seconds[0]).toNanos()), TimeScale.REAL, new CountSteps(Map.of("P1", 0.1)));
        after.carry(List.of(row));
        PluggedSession back = seen(after, 6.1, 3065, seconds);

        assertThat(back.id()).isEqualTo(last.id());
        assertThat(back.deliveredKWh()).as("what it did").isCloseTo(12.2, within(1e-9));
    }

    private PluggedSession seen(SessionTracker tracker, double count, long at, long[] seconds) {
        seconds[0] = at;
        return tracker.update(List.of(observation(0, true, 7, count, PLUGGED.plusSeconds(at)).build())).get(0);
    }
}
