package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The kinds the broker refused stand across a restart of the gateway's upstream and store until a later message of
 * each is taken, as they do across a reconnect: a real Mosquitto 2 whose {@code acl_file} denies the gateway its
 * {@code telemetry} topic (PUBACK 0x87 over MQTT v5), then no broker at all, then one that takes everything.
 */
class UpstreamRefusedAcrossRestartTest {
    private static final String GW = "gw-refused-restart";
    private static final String TELEMETRY = "orderly/v1/" + GW + "/telemetry";
    @TempDir
    Path dir;

    @Test
    @Timeout(150)
    void aRefusalStandsAcrossRestartsUntilItsKindIsTaken() throws Exception {
        Path db = dir.resolve("gw.db");
        try (Mosquitto denying = Mosquitto.startWithAcl(dir.resolve("denying"), BrokerAcl.allBut(GW, "telemetry"))) {
            UpstreamRig rig = start(db, denying.url());
            try {
                Await.until("telemetry refused", Duration.ofSeconds(30),
                        () -> rig.upstream.link().messagesRefused().isPresent());
                assertThat(rig.upstream.link().messagesRefused()).hasValue("telemetry");
            } finally {
                rig.close();
            }
            denying.stop();

            // The broker gone: nothing is sent, nothing taken; the refusal is what the run before left.
            UpstreamRig away = start(db, denying.url());
            try {
                assertThat(away.upstream.link().messagesRefused()).as("at the start after a refusal")
                        .hasValue("telemetry");
                Await.until("a connection attempt failed", Duration.ofSeconds(30),
                        () -> away.upstream.link().failedConnects() >= 1);
                assertThat(away.upstream.link().messagesRefused()).as("while the broker cannot be reached")
                        .hasValue("telemetry");
            } finally {
                away.close();
            }
        }

        try (Mosquitto taking = Mosquitto.start(dir.resolve("taking"))) {
            UpstreamRig mended = start(db, taking.url());
            try {
                assertThat(mended.upstream.link().messagesRefused()).as("at the start, nothing taken yet")
                        .hasValue("telemetry");
                Await.until("telemetry taken", Duration.ofSeconds(30),
                        () -> mended.upstream.link().messagesRefused().isEmpty());
            } finally {
                mended.close();
            }

            UpstreamRig after = start(db, taking.url());
            try {
                assertThat(after.upstream.outbox().refusedNotTaken()).as("refusals left by the runs before").isEmpty();
                assertThat(after.upstream.link().messagesRefused()).as("at the start after the kind was taken")
                        .isEqualTo(Optional.empty());
            } finally {
                after.close();
            }
        }
        assertThat(telemetrySetAside(db)).as("the telemetry set aside").isNotEmpty().allSatisfy(row -> {
            assertThat(row.reason()).as("message %d's reason", row.seq())
                    .isEqualTo("the broker refused it (reason code 0x87)");
            assertThat(row.refused()).as("message %d refused", row.seq()).isTrue();
            assertThat(row.takenBy()).as("message %d taken by", row.seq()).isNotNull().isGreaterThan(row.seq());
        });
    }

    /** A row of {@code outbox_set_aside}: its reason, whether the broker refused it, the later message taken since. */
    private record SetAside(long seq, String reason, boolean refused, Long takenBy) {
    }

    private static UpstreamRig start(Path db, String url) {
        return UpstreamRig.start(db, GW, UpstreamRig.plaintext(url, GW).withTelemetryPeriod(Duration.ofMillis(500)));
    }

    private static List<SetAside> telemetrySetAside(Path db) throws SQLException {
        List<SetAside> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, reason, refused, taken_by FROM outbox_set_aside WHERE topic = '"
                     + TELEMETRY + "' ORDER BY seq")) {
            while (r.next()) {
                long takenBy = r.getLong(4);
                rows.add(new SetAside(r.getLong(1), r.getString(2), r.getInt(3) == 1, r.wasNull() ? null : takenBy));
            }
        }
        return rows;
    }
}
