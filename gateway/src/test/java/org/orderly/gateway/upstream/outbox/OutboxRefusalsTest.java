package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.upstream.message.EventBody;

/**
 * Which set-aside messages the broker refused ({@code outbox_set_aside.refused}) and which later message on their topic
 * it took since ({@code taken_by}): what a start raises the page's {@code UPSTREAM_MESSAGES_REFUSED} from.
 */
class OutboxRefusalsTest {
    private static final String EVENTS = "orderly/v1/gw-1/events";

    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    void aRefusalIsMarkedUntilALaterMessageOnItsTopicIsTaken() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            for (int i = 1; i <= 6; i++) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "m" + i));
            }
            outbox.flush(Duration.ofSeconds(5));
            outbox.setAside(1, "the connection attempt it was held for got no CONNACK");
            outbox.setAside(2, BrokerRefusal.puback("reason code 0x87"));
            outbox.setAside(3, BrokerRefusal.tooLarge(5000, 2000));
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.refusedNotTaken()).as("refused, nothing taken").isEqualTo(Map.of(EVENTS, 3L));

            outbox.refusalsTaken(EVENTS, 4);
            outbox.setAside(5, BrokerRefusal.droppedAlone(3));
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.refusedNotTaken()).as("refused again after 4 was taken").isEqualTo(Map.of(EVENTS, 5L));

            outbox.refusalsTaken(EVENTS, 6);
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.refusedNotTaken()).as("6 taken").isEmpty();
        }
        assertThat(setAside(store.database())).containsExactly(
                "1 refused=0 taken_by=null: the connection attempt it was held for got no CONNACK",
                "2 refused=1 taken_by=4: the broker refused it (reason code 0x87)",
                "3 refused=1 taken_by=4: its PUBLISH packet of 5000 bytes is larger than the broker's maximum packet"
                        + " size of 2000 bytes",
                "5 refused=1 taken_by=6: the broker closed the connection each of the 3 times it was sent alone (too"
                        + " large for it, or not allowed; over MQTT 3.1.1 it cannot say which)");
    }

    /** The rows of {@code outbox_set_aside}, by number: "seq refused=R taken_by=T: reason". */
    private static List<String> setAside(Database db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, refused, taken_by, reason FROM outbox_set_aside ORDER BY seq")) {
            while (r.next()) {
                rows.add(r.getLong(1) + " refused=" + r.getInt(2) + " taken_by=" + r.getObject(3) + ": "
                        + r.getString(4));
            }
        }
        return rows;
    }
}
