package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.CarriedSession;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.session.Declaration;

/**
 * A session carried over the gateway's restart, last seen at +595 s, whose bridge (one that keeps its plug-in through
 * E) says its car was unplugged at +900 s, while the gateway was down; its first reports after the restart a short E
 * with no car, then A. Its row departs when the pile says, a departure seen, learned by the habits. Until 2026-12-07
 * (mend60c, read60b) the spell hid that unplug: departure 15:39:55 (its last sighting), not seen, nothing learned.
 */
class CycleRecorderUnplugBeforeSpellTest {
    private static final Instant T0 = Instant.parse("2026-01-13T15:30:00Z");

    @TempDir
    Path dir;

    private static void cycle(RecordedCycles cycles, long s, boolean faulted, Optional<LastEndedSession> last) {
        Instant now = T0.plusSeconds(s);
        cycles.cycle(now, new TransformerReading(0.2, now, Duration.ZERO), List.of(new PileObservation(0, false, 0, 0, now,
                true, Optional.empty(), Duration.ZERO, true, Optional.empty(), true, last, now, Duration.ZERO, false,
                faulted)));
    }

    @Test
    void aCarriedSessionsUnplugBeforeAShortEIsItsRowsDeparture() throws Exception {
        try (RecordedCycles cycles = RecordedCycles.tickingWithTheClock(dir, T0.plusSeconds(3600),
                ZoneId.of("Asia/Shanghai"))) {
            CarriedSession before = new CarriedSession("P1@" + T0.getEpochSecond() + "-7", 0, T0, Declaration.NONE, 1.2,
                    1.2, T0.plusSeconds(595));
            cycles.cycle.sessions().carry(List.of(before));
            Optional<LastEndedSession> unplugged = Optional.of(new LastEndedSession(T0, T0.plusSeconds(900), 1.2));
            cycle(cycles, 3600, true, unplugged);
            cycle(cycles, 3605, false, unplugged);

            assertThat(cycles.sessions(T0.minusSeconds(3600), T0.plusSeconds(7200))).singleElement().satisfies(r -> {
                assertThat(r.departure()).isEqualTo(T0.plusSeconds(900));
                assertThat(r.departureSeen()).isTrue();
            });
            assertThat(cycles.estimator.habits().sessionsKnown(0)).isEqualTo(1);
        }
    }
}
