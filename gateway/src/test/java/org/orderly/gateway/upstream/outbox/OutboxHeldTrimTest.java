package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.upstream.message.EventBody;

/**
 * The held will of the connection that lasts (docs/upstream.md, "state"): "The will's number is held back, unpublished,
 * while the connection lasts"; when the connection ends badly "The gateway also releases its copy, which it publishes
 * again after the reconnect ... (the broker may have been the one that died and never sent it)". The trim ("Bounds")
 * is of "unsent messages" older than {@code outbox.maxAgeHours}: a connection that holds longer than that (an hour in
 * this outbox, a week by default) must not have its will's copy trimmed and said trimmed.
 */
class OutboxHeldTrimTest {
    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    void theHeldPairOfALastingConnectionIsNotTrimmedByAge() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            Outbox.HeldPair pair = outbox.storeHeldPair(store.clock.instant(), true).stored().get();
            outbox.acknowledged(pair.online().seq()); // online published at connect; the will stays held
            outbox.flush(Duration.ofSeconds(5));

            store.clock.advanceSeconds(2 * 3600); // the connection holds for two hours
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "while connected"));
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));

            List<String> trimEvents = new ArrayList<>();
            for (OutboxRow r : outbox.next(0, TOPICS.of("state"), false, 10)) {
                String json = new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8);
                if (json.contains(Outbox.TRIMMED)) {
                    trimEvents.add(json);
                }
            }
            assertThat(heldSeqs()).as("the held will of the connection still open; trim events: %s", trimEvents)
                    .containsExactly(pair.will().seq());
            assertThat(trimEvents).as("outbox.trimmed events").isEmpty();
        }
    }

    private List<Long> heldSeqs() throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = store.database().open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq FROM outbox WHERE held <> 0 ORDER BY seq")) {
            while (r.next()) {
                seqs.add(r.getLong(1));
            }
        }
        return seqs;
    }
}
