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
 * The wiring of a refusal in the link, against a real Mosquitto 2 whose {@code acl_file} denies the gateway its
 * {@code events} topic (PUBACK 0x87 over MQTT v5) until the test has it reload one that allows it: a refusal found
 * after a later message of its topic was taken (its PUBACK held back behind that one's by
 * {@link PubackReorderingRelay}) is marked taken by it at once and raises no alarm; a refusal found in order raises the
 * alarm until a later message of its topic is taken; and a restart of the gateway's upstream on the same store raises
 * nothing for either.
 */
class UpstreamRefusalFoundLateTest {
    private static final String GW = "gw-refused-late";
    private static final String EVENTS = "orderly/v1/" + GW + "/events";
    @TempDir
    Path dir;

    @Test
    @Timeout(150)
    void aRefusalIsMarkedTakenByALaterMessageOfItsTopicAndRaisesNothingAtTheNextStart() throws Exception {
        Path db = dir.resolve("gw.db");
        try (Mosquitto broker = Mosquitto.startWithAcl(dir.resolve("broker"), BrokerAcl.allBut(GW, "events"));
             PubackReorderingRelay relay = new PubackReorderingRelay(broker.port())) {
            UpstreamRig rig = start(db, relay.url());
            try {
                rig.awaitConnected(20_000);
                rig.event("test.refused", PubackReorderingRelay.HOLD);
                Await.until("the broker's refusal held back", Duration.ofSeconds(30), relay::holding);
                broker.reloadAcl(BrokerAcl.allBut(GW));
                rig.event("test.taken", PubackReorderingRelay.RELEASE);
                Await.until("the refused event set aside", Duration.ofSeconds(30),
                        () -> rig.upstream.outbox().setAsideCount() >= 1);
                assertThat(relay.reordered()).as("its refusal came after the later event was taken").isTrue();
                assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(10))).isTrue();
                assertThat(rig.upstream.link().messagesRefused()).as("the alarm, a later event taken before")
                        .isEqualTo(Optional.empty());
                assertThat(rig.upstream.outbox().refusedNotTaken()).as("refused and not taken, for the next start")
                        .isEmpty();

                broker.reloadAcl(BrokerAcl.allBut(GW, "events"));
                rig.event("test.refused", "found in order");
                Await.until("the events refused again", Duration.ofSeconds(30),
                        () -> rig.upstream.link().messagesRefused().isPresent());
                assertThat(rig.upstream.link().messagesRefused()).hasValue("events");
                broker.reloadAcl(BrokerAcl.allBut(GW));
                rig.event("test.taken", "after the refusal");
                Await.until("the alarm cleared by a later event taken", Duration.ofSeconds(30),
                        () -> rig.upstream.link().messagesRefused().isEmpty());
            } finally {
                rig.close();
            }

            UpstreamRig restarted = start(db, relay.url());
            try {
                assertThat(restarted.upstream.outbox().refusedNotTaken()).as("refusals the run before left").isEmpty();
                assertThat(restarted.upstream.link().messagesRefused()).as("the alarm at the start")
                        .isEqualTo(Optional.empty());
                restarted.awaitConnected(20_000);
                assertThat(restarted.upstream.link().messagesRefused()).as("the alarm once connected")
                        .isEqualTo(Optional.empty());
            } finally {
                restarted.close();
            }
        }
        assertThat(eventsSetAside(db)).as("the events set aside").hasSizeGreaterThanOrEqualTo(2).allSatisfy(row ->
                assertThat(row).matches("\\d+ refused=1 taken_by=\\d+ later=true: the broker refused it \\(reason code"
                        + " 0x87\\)"));
    }

    private static UpstreamRig start(Path db, String url) {
        return UpstreamRig.start(db, GW, UpstreamRig.plaintext(url, GW));
    }

    /** The events set aside: "seq refused=R taken_by=T later=(T > seq): reason". */
    private static List<String> eventsSetAside(Path db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, refused, taken_by, reason FROM outbox_set_aside WHERE topic = '"
                     + EVENTS + "' ORDER BY seq")) {
            while (r.next()) {
                long seq = r.getLong(1);
                long takenBy = r.getLong(3);
                boolean none = r.wasNull();
                rows.add(seq + " refused=" + r.getInt(2) + " taken_by=" + (none ? "null" : takenBy) + " later="
                        + (!none && takenBy > seq) + ": " + r.getString(4));
            }
        }
        return rows;
    }
}
