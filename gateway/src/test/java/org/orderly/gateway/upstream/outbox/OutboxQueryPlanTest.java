package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drainer asks for the next messages many times a second while a backlog drains, and the outbox may hold
 * {@link OutboxLimits#DEFAULT}'s 200 000 messages after a week without the broker: each of its lookups must be an
 * index search, never a pass over the table (SQLite's plan, on the store's own schema; a pass took about 100 ms at
 * 300 000 rows on this machine: docs/benchmarks.md, "The outbox drainer's lookup on a backlog").
 */
class OutboxQueryPlanTest {
    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    void theDrainersQueryOnlySearchesIndexes() throws Exception {
        try (Outbox outbox = store.outbox(100); Connection c = store.database().open()) {
            for (boolean sameTopic : new boolean[] {true, false}) {
                List<String> plan = plan(c, OutboxTable.afterSql(sameTopic));
                assertThat(plan).as("plan of the drainer's query (same topic %s)", sameTopic).isNotEmpty()
                        .allSatisfy(step -> assertThat(step).doesNotContainPattern("^SCAN outbox")
                                .doesNotMatch("SEARCH outbox"));
            }
        }
    }

    /** The page's /metrics asks for the oldest waiting message at each scrape: an index search too, not a pass. */
    @Test
    void theOldestWaitingMessageIsFoundByTheIndex() throws Exception {
        try (Outbox outbox = store.outbox(100); Connection c = store.database().open();
             PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + OutboxTable.OLDEST_WAITING_SQL)) {
            p.setInt(1, OutboxTable.PUBLISHABLE);
            List<String> plan = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    plan.add(r.getString("detail"));
                }
            }
            assertThat(plan).as("plan of the oldest waiting message's query").isNotEmpty()
                    .allSatisfy(step -> assertThat(step).doesNotContainPattern("^SCAN outbox")
                            .doesNotContain("TEMP B-TREE"));
        }
    }

    private static List<String> plan(Connection c, String sql) throws Exception {
        try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            p.setLong(1, 0);
            p.setString(2, "orderly/v1/gw-1/state");
            p.setInt(3, 100);
            List<String> steps = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    steps.add(r.getString("detail"));
                }
            }
            return steps;
        }
    }
}
