package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A {@code state} message larger than the maximum packet size the broker announced, while the CONNECT (which carries
 * the will, as large give or take a few bytes) is not: a real Mosquitto 2 with {@code max_packet_size} set between the
 * two. The {@code online} of a connection (and the {@code offline} of a stop) are published while connecting and at the
 * stop, outside the drain, so neither the drain's size check nor the link's search for a message the broker drops the
 * connection on saw them: the broker closed the connection on "online" and the attempt failed, its online set aside
 * as that of a connection that ended before it was acknowledged (the next attempt got through only because the will
 * released went first on the same topic, and Paho then sent the online's PUBLISH with a topic alias, without the
 * topic's name). Now such a message is set aside unsent, with one WARN naming the topic, its size and the limit, and
 * the connection stays. ("online" names its will's number besides its own, so it outgrows the CONNECT only with long
 * numbers and a short client id: the store's numbering is moved to 18 digits for it, and the gateway is called "g".)
 */
class UpstreamStateTooLargeTest {
    private static final String GW = "g";
    private static final String STATE = "orderly/v1/" + GW + "/state";
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void anOnlineOverTheAnnouncedPacketLimitIsSetAsideUnsentAndTheConnectionStays() throws Exception {
        Path db = dir.resolve("gw.db");
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            try (UpstreamRig first = run(db, broker)) { // makes the store
                first.awaitConnected(20_000);
                assertThat(first.upstream.link().connected()).as("the first run connected").isTrue();
            }
            setNextSeq(db, 100_000_000_000_000_000L);
            long online;
            try (GridSide grid = new GridSide(broker.url(), GW); UpstreamRig rig = run(db, broker)) {
                online = publishBytes(grid.await(r -> r.topic().equals(STATE)
                        && r.json().path("state").asText().equals("online"), 20_000).json());
                // Its online's acknowledgement stored before the stop: else the next run finds it held, unacknowledged,
                // and sets it aside as a connection's that ended first (fresh-clone CI, loaded, 2026-12-05).
                assertThat(rig.drained(20_000)).as("this run's online acknowledged").isTrue();
            }
            // Mosquitto closes a connection on any packet over it, the CONNECT too.
            broker.restartWith(List.of("max_packet_size " + (online - 1)));

            UpstreamRig rig = run(db, broker);
            try {
                rig.awaitConnected(20_000);
                assertThat(rig.upstream.link().connected()).as("connected within 20 s").isTrue();
                assertThat(rig.upstream.link().packetLimit()).as("the limit announced").isEqualTo(online - 1);
                Await.until("the online set aside", Duration.ofSeconds(20), () -> !StateSetAside.in(db).isEmpty());
                assertThat(rig.upstream.link().connects()).as("connections: the first one stays").isEqualTo(1);
            } finally {
                rig.close();
            }
            // The offline, without a will's number, is under the limit: the stop's goes through.
            assertThat(StateSetAside.in(db)).as("the state messages set aside (the broker's log: %n%s)",
                    String.join("\n", broker.log().lines().filter(l -> l.contains(" g ") || l.contains(" g,"))
                            .toList())).containsExactly("online: its PUBLISH packet"
                    + " of " + online + " bytes is larger than the broker's maximum packet size of " + (online - 1)
                    + " bytes");
            assertThat(broker.log()).as("the broker's log").doesNotContain("disconnected due to oversize packet");
            assertThat(log.lines("WARN", "upstream: saying ")).as("attempts that failed on it").isEmpty();
            assertThat(log.lines("WARN", "upstream: online (message ", "on " + STATE + " is a PUBLISH of " + online
                    + " bytes, larger than the broker's maximum packet size of " + (online - 1)
                    + " bytes: set aside, not sent")).as("the link's WARN naming the topic, the size and the limit")
                    .hasSize(1);
        }
    }

    /**
     * The gateway on the store {@code db}, its wall clock always 123 ms past a second: each {@code ts} is then as long
     * as any other (an {@code Instant} prints 0, 3, 6 or 9 digits of its fraction), and so is each "online".
     */
    private static UpstreamRig run(Path db, Mosquitto broker) {
        Clock clock = Clock.offset(Clock.tickSeconds(ZoneOffset.UTC), Duration.ofMillis(123));
        return UpstreamRig.start(db, GW, UpstreamRig.plaintext(broker.url(), GW), clock, Ticker.SYSTEM,
                ClockFloor.NONE);
    }

    /**
     * The size of the QoS 1 MQTT v5 PUBLISH of {@code state} on {@link #STATE}, as the link counts it: with a topic
     * alias, as the first PUBLISH on its topic.
     */
    private static long publishBytes(JsonNode state) {
        long rest = 2 + STATE.length() + 2 + 1 + 3 + state.toString().getBytes(StandardCharsets.UTF_8).length;
        return 1 + (rest < 128 ? 1 : 2) + rest;
    }

    private static void setNextSeq(Path db, long seq) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE upstream_seq SET seq = " + seq + " WHERE id = 1");
        }
    }
}
