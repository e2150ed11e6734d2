package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A front that accepts TCP while the broker behind it is down (HAProxy or a load balancer in TCP mode, stunnel) ends
 * every attempt with the connection lost before its CONNACK, one per back-off (30 s at most): such an attempt spends
 * its pair, but must not leave an {@code offline} to send for each, or the broker, once back, is given them all before
 * the first {@code online} (the gateway shown offline meanwhile). Against a real Mosquitto on 127.0.0.1 behind a relay
 * that closes the first three connections once their CONNECT has come, then relays: at most one {@code offline}
 * before the {@code online}, and every number the grid side does not get is set aside, so none is unexplained.
 */
class UpstreamUnansweredRetriesTest {
    private static final int UNANSWERED = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    @Timeout(180)
    void attemptsLostBeforeTheirConnackLeaveNoOfflineEach(MqttProtocol protocol) throws Exception {
        String gw = "gw-unanswered-" + protocol.configName();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ConnackHoldingRelay front = ConnackHoldingRelay.closingFirst(broker.port(), UNANSWERED);
             GridSide grid = new GridSide(broker.url(), gw);
             // Attempts 200 to 400 ms apart, not the gateway's 1 s doubling (0, 1, 3 and 7 s for the four): what each
             // lost attempt leaves does not depend on how long the link waited before it.
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                     UpstreamRig.plaintext(front.url(), gw).withProtocol(protocol), UpstreamRig.QUICK_RETRIES)) {
            Await.until("connected after " + UNANSWERED + " attempts lost before their CONNACK", Duration.ofSeconds(90),
                    () -> rig.upstream.link().connected());
            assertThat(rig.upstream.link().failedConnects()).as("attempts that failed")
                    .isGreaterThanOrEqualTo(UNANSWERED);
            grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"), 30_000);
            rig.quiet();
            long last = rig.lastSeq();
            assertThat(rig.drainedUpTo(last, 60_000)).as("everything numbered sent or set aside").isTrue();

            List<String> states = grid.deduplicated().stream().filter(r -> r.topic().endsWith("/state"))
                    .map(r -> r.seq() + " " + r.json().path("state").asText()).toList();
            int online = states.indexOf(states.stream().filter(s -> s.endsWith(" online")).findFirst().orElseThrow());
            assertThat(states.subList(0, online).stream().filter(s -> s.endsWith(" offline")).count())
                    .as("offline messages before the first online, of %s", states).isLessThanOrEqualTo(1);

            // The grid side's copy may trail the broker's PUBACKs a little.
            List<Long> unexplained = unexplained(grid, rig, last);
            for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                 !unexplained.isEmpty() && System.nanoTime() < until; unexplained = unexplained(grid, rig, last)) {
                Thread.sleep(100);
            }
            assertThat(unexplained).as("numbers neither sent, set aside nor held (the connection's will); states %s",
                    states).isEmpty();
            assertThat(grid.deduplicated()).as("an outbox.setAside event names the first number set aside")
                    .anyMatch(r -> r.json().path("kind").asText().equals("outbox.setAside"));
        }
    }

    /** The numbers up to {@code last} neither at the grid side, set aside nor held (the connection's will). */
    private static List<Long> unexplained(GridSide grid, UpstreamRig rig, long last) throws Exception {
        Set<Long> accounted = new HashSet<>();
        grid.deduplicated().forEach(r -> accounted.add(r.seq()));
        accounted.addAll(seqs(rig, "SELECT seq FROM outbox_set_aside"));
        accounted.addAll(rig.heldSeqs());
        List<Long> out = new ArrayList<>();
        for (long seq = 1; seq <= last; seq++) {
            if (!accounted.contains(seq)) {
                out.add(seq);
            }
        }
        return out;
    }

    private static List<Long> seqs(UpstreamRig rig, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = rig.store.database().open(); PreparedStatement p = c.prepareStatement(sql);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(r.getLong(1));
            }
        }
        return out;
    }
}
