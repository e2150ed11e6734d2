package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A minute written twice is merged; its mean stays within its minimum and maximum, so the minute can be read. */
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

    /** A mean a rounding above the maximum, as a gateway before 2026-12-03 merged it, is read as the maximum. */
    @Test
    void aMinuteMergedByAnEarlierGatewayIsRead() throws Exception {
        try (Store store = open(); StoreReader r = store.reader()) {
            try (Statement s = r.connection().createStatement()) {
                s.execute("INSERT INTO readings VALUES ('tx', 'power.total.kw', " + T0.getEpochSecond()
                        + ", 0.1, 0.10000000000000002, 0.1, 13)");
            }
            assertThat(r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60)))
                    .singleElement().extracting(MinuteReading::mean).isEqualTo(0.1);
        }
    }
}
