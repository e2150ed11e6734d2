package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * Rows a gateway recorded while its clock was not set (1970, after a power cut) are moved by the step once it is set,
 * to the real time; rows of the runs before are left as they were.
 */
class StoreClockStepTest {
    private static final Instant BOOT = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant NTP = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-11-30T20:00:00Z");

    @TempDir
    Path dir;

    @Test
    void whatWasRecordedWhileTheClockWasNotSetIsMovedByTheStep() throws Exception {
        Path file = dir.resolve("orderly.db");
        try (Store before = Store.open(StoreSettings.of(file, 3650), new VirtualClock(BEFORE, ZoneOffset.UTC))) {
            before.event(new StoreEvent(BEFORE, "test", "gw", "recorded with the clock set"));
            before.sample(new Sample("tx", "power.total.kw", BEFORE.plusSeconds(10), 5));
        }
        try (Store unknown = Store.open(StoreSettings.of(file, 3650), new VirtualClock(BOOT, ZoneOffset.UTC))) {
            unknown.event(new StoreEvent(BOOT.plusSeconds(30), "test", "gw", "a run that stopped before its clock was set"));
        }

        VirtualClock clock = new VirtualClock(BOOT, ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(file, 3650), clock)) {
            store.event(new StoreEvent(BOOT.plusSeconds(20), "test", "gw", "recorded while the clock was not set"));
            store.sample(new Sample("tx", "power.total.kw", BOOT.plusSeconds(10), 1));
            store.sample(new Sample("tx", "power.total.kw", BOOT.plusSeconds(70), 3));
            store.session(new SessionRecord("p1@5-1", "p1", BOOT.plusSeconds(5), BOOT.plusSeconds(65), null,
                    Double.NaN, 2.0, false, true, BOOT.plusSeconds(65), 2.0));
            clock.advanceSeconds(100);
            // Found set after 100 s: the clock says NTP, so the step is NTP less the 100 s.
            ClockStep step = new ClockStep(BOOT, BOOT.plusSeconds(100), Duration.between(BOOT.plusSeconds(100), NTP));
            clock.set(NTP);
            store.restamp(step);
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();

            try (StoreReader r = store.reader()) {
                List<StoreEvent> events = r.events(Instant.EPOCH, NTP.plusSeconds(3600));
                assertThat(events).extracting(StoreEvent::message, StoreEvent::time).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("recorded with the clock set", BEFORE),
                        org.assertj.core.groups.Tuple.tuple("a run that stopped before its clock was set",
                                BOOT.plusSeconds(30)),
                        org.assertj.core.groups.Tuple.tuple("recorded while the clock was not set",
                                NTP.minusSeconds(80)));
                assertThat(r.readings("tx", "power.total.kw", Instant.EPOCH, NTP.plusSeconds(3600)))
                        .extracting(MinuteReading::minute, MinuteReading::mean)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(BEFORE, 5.0),
                                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-01T11:58:00Z"), 1.0),
                                // The 1 held into it for 10 s, then 3 for 30 s, until the clock was found set.
                                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-01T11:59:00Z"),
                                        (1 * 10 + 3 * 30) / 40.0));
                assertThat(r.sessions(Instant.EPOCH, NTP.plusSeconds(3600))).singleElement().satisfies(s -> {
                    assertThat(s.arrival()).isEqualTo(NTP.minusSeconds(95));
                    assertThat(s.departure()).isEqualTo(NTP.minusSeconds(35));
                    assertThat(s.lastSeen()).isEqualTo(NTP.minusSeconds(35));
                    assertThat(s.id()).as("an id, kept").isEqualTo("p1@5-1");
                });
            }
        }
    }
}
