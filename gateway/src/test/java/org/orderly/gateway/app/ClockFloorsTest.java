package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.store.StorePages;

/**
 * The clock's floor at start is the later of the build's time and the newest time the store holds: a clock earlier
 * than what was already recorded before the power cut is certainly wrong.
 */
class ClockFloorsTest {
    private static final ClockFloor BUILD = new ClockFloor(Instant.parse("2026-12-01T00:00:00Z"), "this build was made");
    private static final Instant T = Instant.parse("2026-12-20T10:00:00Z");

    @TempDir
    Path dir;
    private Store store;

    private Store open() {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 3650), new VirtualClock(T, ZoneOffset.UTC));
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private ClockFloor floor() throws InterruptedException {
        assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        return ClockFloors.atStart(store, BUILD, T);
    }

    @Test
    void anEmptyStoreLeavesTheBuildsTime() throws Exception {
        open();
        assertThat(floor()).isEqualTo(BUILD);
    }

    @Test
    void theNewestOfEventsSessionsAndReadingsIsTheFloor() throws Exception {
        open().event(new StoreEvent(T, "control.mode", "gw", "start -> normal"));
        store.sample(new Sample("transformer", "power.total.kw", T.plusSeconds(60), 30));
        store.sample(new Sample("transformer", "power.total.kw", T.plusSeconds(180), 30)); // closes the first minute
        // A car still plugged in at the power cut: last seen later than anything else written.
        store.session(new SessionRecord("p0@1-1", "p0", T.minusSeconds(3600), null, null, Double.NaN, 3.0, false, true,
                T.plusSeconds(600), 3.0));

        ClockFloor floor = floor();

        assertThat(floor.at()).isEqualTo(T.plusSeconds(600));
        assertThat(floor.source()).contains("store");
    }

    /**
     * A floor from the store can be wrong where the clock is right (W11: a sped-up demo's times, a clock once set
     * ahead): the ERROR must not only send the operator to NTP, but name the store and how to start afresh.
     */
    @Test
    void aFloorFromTheStoreSaysWhatToDoIfTheClockIsRight() throws Exception {
        open().event(new StoreEvent(T, "control.mode", "gw", "start -> normal"));

        ClockFloor floor = floor();

        assertThat(floor.at()).isEqualTo(T);
        assertThat(floor.ifClockRight()).contains("if the clock is right").contains("sped-up demo")
                .contains(dir.resolve("orderly.db").toString()).contains("aside");
        assertThat(BUILD.ifClockRight()).as("the build's time cannot be wrong that way").isEmpty();
    }

    @Test
    void aReadingAloneRaisesTheFloor() throws Exception {
        open().sample(new Sample("transformer", "power.total.kw", T.plusSeconds(60), 30));
        store.sample(new Sample("transformer", "power.total.kw", T.plusSeconds(180), 30));

        // The minute still open at the flush may or may not be written yet; either is later than the build.
        assertThat(floor().at()).isIn(T.plusSeconds(60), T.plusSeconds(180));
    }

    @Test
    void aStoreOlderThanTheBuildLeavesTheBuildsTime() throws Exception {
        open().event(new StoreEvent(Instant.parse("2026-11-01T00:00:00Z"), "control.mode", "gw", "start -> normal"));

        assertThat(floor()).isEqualTo(BUILD);
    }

    /**
     * A store whose readings SQLite finds damaged (garbage over the root page of their time index, a page the start's cheap check
     * does not read): the floor is the build's time, not a failed start, and the store is marked damaged
     * (docs/operations.md, "A damaged store").
     */
    @Test
    void aStoreWhoseNewestTimeCannotBeReadLeavesTheBuildsTime() throws Exception {
        open().sample(new Sample("transformer", "power.total.kw", T.plusSeconds(60), 30));
        store.sample(new Sample("transformer", "power.total.kw", T.plusSeconds(180), 30));
        assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        store.close();
        store = null;
        // The index MAX(minute) is read from: the table itself is not read there.
        StorePages.garbageOverRoot(dir.resolve("orderly.db"), "readings_minute");

        assertThat(ClockFloors.atStart(open(), BUILD, T)).isEqualTo(BUILD);
        // Marked as a failing write marks it: the next start moves it aside.
        assertThat(store.damaged()).hasValueSatisfying(how -> assertThat(how).contains("the newest time on record"));
    }
}
