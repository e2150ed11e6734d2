package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A minute written twice is merged, its mean weighted by the time each part covers; its mean stays within its minimum
 * and maximum, so the minute can be read.
 */
class MergedMinuteTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);

    private Store open() {
        return Store.open(new StoreSettings(dir.resolve("orderly.db"), Retention.days(90), 100,
                Duration.ofMillis(20), Duration.ofDays(1)), clock);
    }

    /** 12 samples of 0.1 before a restart, 1 after: (0.1 * 12 + 0.1 * 1) / 13 is 0.10000000000000002 in doubles. */
    @Test
    void aConstantMinuteMergedAcrossARestartStaysReadable() throws Exception {
        try (Store store = open()) {
            for (int i = 0; i < 12; i++) {
                store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(5L * i), 0.1));
            }
        }
        try (Store store = open()) {
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(58), 0.1));
        }
        try (Store store = open(); StoreReader r = store.reader()) {
            List<MinuteReading> rows = r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60));
            assertThat(rows).singleElement().satisfies(m -> {
                assertThat(m.samples()).isEqualTo(13);
                assertThat(m.mean()).isEqualTo(0.1);
            });
            try (Statement s = r.connection().createStatement();
                 ResultSet stored = s.executeQuery("SELECT mean FROM readings")) {
                assertThat(stored.next()).isTrue();
                assertThat(stored.getDouble(1)).as("the mean as stored").isEqualTo(0.1);
            }
        }
    }

    /**
     * A pile draws 7 kW, reported at seconds 0 and 25, and the gateway stops at second 50; the next run hears it report
     * 0 five times from second 50 to the minute's end. The minute is 50 s at 7 kW and 10 s at 0: 5.83 kW. Until
     * 2026-12-04 the parts were weighted by their samples, 2 to 5 (2 kW), and the part written at the stop counted as
     * covering the whole minute.
     */
    @Test
    void aMinuteWrittenInTwoPartsIsMergedByTheTimeEachCovers() throws Exception {
        Duration offlineAfter = Duration.ofSeconds(70);
        try (Store store = open()) {
            store.sample(new Sample("pile-p1", "power.kw", T0, 7, offlineAfter));
            store.sample(new Sample("pile-p1", "power.kw", T0.plusSeconds(25), 7, offlineAfter));
            clock.set(T0.plusSeconds(50));
        }
        try (Store store = open()) {
            for (int i = 0; i < 5; i++) {
                store.sample(new Sample("pile-p1", "power.kw", T0.plusSeconds(50 + 2L * i), 0, offlineAfter));
            }
            clock.set(T0.plusSeconds(60));
        }
        try (Store store = open(); StoreReader r = store.reader()) {
            assertThat(r.readings("pile-p1", "power.kw", T0, T0.plusSeconds(60))).singleElement().satisfies(m -> {
                assertThat(m.samples()).isEqualTo(7);
                assertThat(m.mean()).as("50 s at 7 kW, 10 s at 0").isCloseTo(7.0 * 50 / 60, within(1e-9));
                assertThat(m.covered()).isEqualTo(Duration.ofSeconds(60));
            });
        }
    }

    /**
     * A report read just before the minute's end comes to the writer after the minute was written: it covers nothing
     * (the value before it held to the minute's end), so it adds to the minimum and the count, not to the mean.
     */
    @Test
    void aSampleLateForItsMinuteAddsNothingToItsMean() throws Exception {
        try (Store store = open()) {
            store.sample(new Sample("pile-p1", "power.kw", T0, 7, Duration.ofSeconds(70)));
            clock.set(T0.plusSeconds(60));
            awaitMinuteWritten(store);
            store.sample(new Sample("pile-p1", "power.kw", T0.plusMillis(59_900), 0, Duration.ofSeconds(70)));
            clock.set(T0.plusSeconds(120));
        }
        try (Store store = open(); StoreReader r = store.reader()) {
            assertThat(r.readings("pile-p1", "power.kw", T0, T0.plusSeconds(60))).singleElement().satisfies(m -> {
                assertThat(m.samples()).isEqualTo(2);
                assertThat(m.min()).isEqualTo(0);
                assertThat(m.mean()).as("the whole minute at 7 kW").isEqualTo(7);
                assertThat(m.covered()).isEqualTo(Duration.ofSeconds(60));
            });
        }
    }

    /**
     * A row written before migration 11 does not say what it covers: a part merged with it is weighted by samples, as
     * it was, and the row goes on saying nothing of its coverage.
     */
    @Test
    void aMinuteWrittenBeforeMigration11IsMergedBySamples() throws Exception {
        try (Store store = open()) {
            try (StoreReader r = store.reader(); Statement s = r.connection().createStatement()) {
                s.execute("INSERT INTO readings (meter, quantity, minute, min, mean, max, samples)"
                        + " VALUES ('tx', 'power.total.kw', " + T0.getEpochSecond() + ", 4, 4, 4, 3)");
            }
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(58), 8));
            clock.set(T0.plusSeconds(60));
        }
        try (Store store = open(); StoreReader r = store.reader()) {
            assertThat(r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60))).singleElement().satisfies(m -> {
                assertThat(m.mean()).as("3 samples of 4, 1 of 8").isEqualTo(5);
                assertThat(m.covered()).isNull();
            });
        }
    }

    /** Waits until the writer's tick wrote the first minute, the test's clock being past it. */
    private static void awaitMinuteWritten(Store store) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (StoreReader r = store.reader()) {
                if (!r.readings("pile-p1", "power.kw", T0, T0.plusSeconds(60)).isEmpty()) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer did not write the minute of " + T0 + " within 20 s");
    }

    /** A mean a rounding above the maximum, as a gateway before 2026-12-03 merged it, is read as the maximum. */
    @Test
    void aMinuteMergedByAnEarlierGatewayIsRead() throws Exception {
        try (Store store = open(); StoreReader r = store.reader()) {
            try (Statement s = r.connection().createStatement()) {
                s.execute("INSERT INTO readings (meter, quantity, minute, min, mean, max, samples)"
                        + " VALUES ('tx', 'power.total.kw', " + T0.getEpochSecond()
                        + ", 0.1, 0.10000000000000002, 0.1, 13)");
            }
            assertThat(r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60)))
                    .singleElement().extracting(MinuteReading::mean).isEqualTo(0.1);
        }
    }
}
