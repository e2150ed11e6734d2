package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.SessionRecord;

/**
 * When an open session's row is written again (a real store, cycles on the injected clock): once a minute at its
 * pile's moment of the minute, so the rewrites neither drift nor come all in one cycle for sessions that began
 * together, and a row is never more than a minute and a cycle old.
 */
class SessionRowRewritesTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");

    @TempDir
    Path dir;

    /**
     * Cycles 7 s apart: counted from each last write, the rewrites came at 63 s, 126 s, 189 s..., 3 s later each
     * minute. At the pile's moment (second 0 for a one-pile compound) each comes within a cycle of it.
     */
    @Test
    void rewritesDoNotDriftThroughTheMinute() throws Exception {
        Duration period = Duration.ofSeconds(7);
        List<Instant> rewrites = new ArrayList<>();
        try (RecordedCycles cycles = new RecordedCycles(dir, T, ZoneOffset.UTC)) {
            Instant lastSeen = null;
            for (Instant at = T; at.isBefore(T.plus(Duration.ofMinutes(10))); at = at.plus(period)) {
                cycles.cycle(at, new TransformerReading(20, at, Duration.ZERO),
                        List.of(observation(0, true, 0, 100, at).build()));
                SessionRecord row = cycles.sessions(T, T.plus(Duration.ofHours(1))).get(0);
                assertThat(Duration.between(row.lastSeen(), at)).as("the row's age at %s", at)
                        .isLessThanOrEqualTo(SessionRewrites.EVERY.plus(period));
                if (!row.lastSeen().equals(lastSeen)) {
                    rewrites.add(row.lastSeen());
                    lastSeen = row.lastSeen();
                }
            }
        }
        assertThat(rewrites).hasSize(10);
        assertThat(rewrites).allSatisfy(at -> assertThat(at.getEpochSecond() % 60).as("%s", at)
                .isLessThan(period.getSeconds()));
    }

    /**
     * Four cars plugged in within one cycle (as a restart finds a compound's cars): their rows are rewritten at their
     * piles' moments, 15 s apart, not all four in the cycle a minute after they began.
     */
    @Test
    void sessionsThatBeganTogetherAreRewrittenInDifferentCycles() throws Exception {
        int piles = 4;
        Map<String, TreeSet<Instant>> rewrites = new HashMap<>();
        try (RecordedCycles cycles = new RecordedCycles(dir, T, ZoneOffset.UTC, TimeScale.REAL, piles)) {
            for (Instant at = T; !at.isAfter(T.plus(Duration.ofMinutes(3))); at = at.plusSeconds(1)) {
                List<PileObservation> seen = new ArrayList<>();
                for (int i = 0; i < piles; i++) {
                    seen.add(observation(i, true, 0, 100, at).build());
                }
                cycles.cycle(at, new TransformerReading(20, at, Duration.ZERO), seen);
                for (SessionRecord row : cycles.sessions(T, T.plus(Duration.ofHours(1)))) {
                    Duration age = Duration.between(row.lastSeen(), at);
                    assertThat(age).as("%s's row at %s", row.pile(), at)
                            .isLessThanOrEqualTo(SessionRewrites.EVERY.plusSeconds(1));
                    rewrites.computeIfAbsent(row.pile(), p -> new TreeSet<>()).add(row.lastSeen());
                }
            }
        }
        Instant minute = T.plusSeconds(120);
        Map<String, Instant> inTheThirdMinute = new HashMap<>();
        rewrites.forEach((pile, times) -> inTheThirdMinute.put(pile, times.ceiling(minute)));
        assertThat(inTheThirdMinute).containsExactlyInAnyOrderEntriesOf(Map.of(
                "P1", minute, "P2", minute.plusSeconds(15), "P3", minute.plusSeconds(30), "P4", minute.plusSeconds(45)));
    }
}
