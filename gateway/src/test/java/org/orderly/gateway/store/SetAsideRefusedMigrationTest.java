package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;

/**
 * Migration 10 ({@code outbox_set_aside.refused}, {@code taken_by}) cannot tell a refusal by a row's reason, which is
 * text for an operator: rows set aside before it are not refusals, and a store upgraded starts with none remembered.
 */
class SetAsideRefusedMigrationTest {
    private static final String EVENTS = "orderly/v1/gw-1/events";
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void rowsSetAsideBeforeTheColumnsAreNotRefusals() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = new Database(file).open()) {
            assertThat(Migrations.apply(c, clock, Migrations.ALL.subList(0, 9))).isEqualTo(9);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO outbox_set_aside VALUES (7, '" + EVENTS + "', x'7b7d', 0, 0, "
                        + clock.millis() + ", 'the broker refused it (reason code 0x87)')");
                s.execute("UPDATE upstream_seq SET seq = 7");
            }
        }
        try (Store store = Store.open(StoreSettings.of(file, 90), clock);
             Outbox outbox = Outbox.open(store.database(), new Topics("gw-1"), clock,
                     new OutboxLimits(Duration.ofHours(1), 100, 1000))) {
            assertThat(outbox.refusedNotTaken()).as("the refusals a start raises").isEmpty();
            try (Connection c = store.database().open(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT seq, refused, taken_by, reason FROM outbox_set_aside")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(7);
                assertThat(r.getInt(2)).as("refused").isZero();
                assertThat(r.getObject(3)).as("taken_by").isNull();
                assertThat(r.getString(4)).isEqualTo("the broker refused it (reason code 0x87)");
                assertThat(r.next()).isFalse();
            }
        }
    }
}
