package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.testkit.Await;

/**
 * What a run stamped while its clock was not set (1970) is moved by the step once the clock is set (ClockStepWrite);
 * the writer's tick, which runs the retention, may come between the set and the control loop's restamp. The retention
 * then took the 1970 rows for 56 years old and deleted them before they could be moved.
 */
class RetentionBeforeTheClockStepTest {
    private static final Instant BOOT = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant FLOOR = Instant.parse("2026-11-30T20:00:00Z");
    private static final Instant NTP = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void rowsStampedWhileTheClockWasNotSetOutliveATickBeforeTheirRestamp() throws Exception {
        VirtualClock clock = new VirtualClock(BOOT, ZoneOffset.UTC);
        try (Store store = Store.open(new StoreSettings(dir.resolve("orderly.db"), Retention.days(90), 100,
                Duration.ofMillis(20), Duration.ofMillis(20)), clock)) {
            store.clockFloor(new ClockFloor(FLOOR, "the newest time in the store"));
            store.event(new StoreEvent(BOOT.plusSeconds(20), "test", "gw", "recorded while the clock was not set"));
            store.sample(new Sample("tx", "power.total.kw", BOOT.plusSeconds(10), 1));
            store.session(new SessionRecord("p1@5-1", "p1", BOOT.plusSeconds(5), BOOT.plusSeconds(65), null,
                    Double.NaN, 2.0, false, true, BOOT.plusSeconds(65), 2.0));
            clock.advanceSeconds(100);
            assertThat(store.flush(WAIT)).isTrue();
            ClockStep step = new ClockStep(BOOT, BOOT.plusSeconds(100), Duration.between(BOOT.plusSeconds(100), NTP));
            clock.set(NTP);
            // The writer's ticks (every 20 ms here, 5 s live) run before the control loop's next cycle restamps.
            Thread.sleep(200);
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader(); Statement s = r.connection().createStatement()) {
                s.execute("INSERT INTO events (time, kind, subject, message) VALUES ("
                        + NTP.minus(Duration.ofDays(100)).getEpochSecond() + ", 'test', 'gw', 'a hundred days old')");
            }
            assertThat(store.restamp(step)).isTrue();
            assertThat(store.flush(WAIT)).isTrue();
            // The retention runs again once the rows are moved: it keeps them (minutes old), not the 100 days old row.
            // Waited for, not slept: a loaded machine may run no retention pass (every 20 ms here) within a fixed time.
            Await.until("a retention pass after the restamp", WAIT, () -> flushedWithout(store, "a hundred days old"));

            try (StoreReader r = store.reader()) {
                assertThat(r.events(Instant.EPOCH, NTP.plusSeconds(3600))).extracting(StoreEvent::time)
                        .containsExactly(NTP.minusSeconds(80));
                assertThat(r.readings("tx", "power.total.kw", NTP.minusSeconds(3600), NTP.plusSeconds(3600)))
                        .extracting(MinuteReading::minute).containsExactly(Instant.parse("2026-12-01T11:58:00Z"));
                assertThat(r.sessions(NTP.minusSeconds(3600), NTP)).extracting(SessionRecord::departure)
                        .containsExactly(NTP.minusSeconds(35));
            }
        }
    }

    /** Whether, all written, the store holds no event with {@code message}. */
    private static boolean flushedWithout(Store store, String message) {
        try {
            assertThat(store.flush(WAIT)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted flushing the store", e);
        }
        try (StoreReader r = store.reader()) {
            return r.events(Instant.EPOCH, NTP.plusSeconds(3600)).stream().noneMatch(e -> e.message().equals(message));
        }
    }
}
