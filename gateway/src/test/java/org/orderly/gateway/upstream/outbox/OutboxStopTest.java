package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * An outbox whose writer does not stop within the wait of {@link Outbox#close()} (held by the test on its clock, as a
 * slow store would hold it) neither counts its messages given up twice (once in the event its last write still
 * commits, again from the file left for the next start) nor loses them. Real SQLite: a trigger raising ABORT gives up
 * two messages.
 */
@Timeout(120)
class OutboxStopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    void aWriterStillWritingAfterTheStopsWaitHasItsDropsSaidOnceNotTwice() throws Exception {
        GatedClock clock = new GatedClock(store.clock);
        Outbox outbox = Outbox.open(store.database(), TOPICS, clock, new OutboxLimits(Duration.ofHours(1), 1000, 1000));
        CountDownLatch closed = new CountDownLatch(1);
        PrintStream err = System.err;
        List<String> unsaidNamed;
        try (CapturedLog log = new CapturedLog()) {
            PrintStream captured = System.err;
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            refuseInserts(true);
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused 1"));
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused 2"));
            Await.until("the two writes given up", DEADLINE, () -> outbox.givenUp() >= 2);
            // The writer stops at its next look at the clock; the drops are not said until it goes on.
            clock.hold();
            refuseInserts(false);
            // Were the stop to leave the count for the next start while the writer still writes, the writer is let go
            // right then, and the stop goes on only once the writer's event is committed: both would say the count.
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    captured.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    captured.write(b, off, len);
                    String text = new String(b, off, len, StandardCharsets.UTF_8);
                    if (text.contains(".outbox-dropped for the next start") && closed.getCount() > 0) {
                        clock.release();
                        awaitDroppedStored();
                    }
                }
            }, true, StandardCharsets.UTF_8));
            Thread closer = new Thread(() -> {
                outbox.close(Duration.ofMillis(300));
                closed.countDown();
            }, "closer");
            closer.start();
            assertThat(closed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the stop returned").isTrue();
            clock.release();
            Await.until("the writer's event committed", DEADLINE, () -> droppedStored() > 0);
            unsaidNamed = log.lines("ERROR", "2 messages");
        } finally {
            System.setErr(err);
            clock.release();
        }
        try (Outbox next = store.outbox(1000)) {
            assertThat(next.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(next)).as("the two messages given up, said once").isEqualTo(2);
        }
        assertThat(unsaidNamed).as("the stop names the count the writer still has to say").isNotEmpty();
    }

    /** The outbox.dropped events committed, read on a connection of the test's own; 0 when it cannot read. */
    private long droppedStored() {
        try (Connection c = store.database().open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM outbox WHERE payload LIKE '%outbox.dropped%'")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Inside a log line's write: no logging, and no wait past the deadline. */
    private void awaitDroppedStored() {
        long until = System.nanoTime() + DEADLINE.toNanos();
        while (droppedStored() == 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A trigger that has SQLite refuse every insert into the outbox (SQLITE_CONSTRAINT: it does not pass). */
    private void refuseInserts(boolean refuse) throws SQLException {
        try (Connection c = store.database().open(); Statement s = c.createStatement()) {
            s.execute(refuse ? "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN"
                    + " SELECT RAISE(ABORT, 'refused by the test'); END" : "DROP TRIGGER refuse_outbox");
        }
    }

    /** The sum of the {@code dropped} fields of the outbox's {@code outbox.dropped} events. */
    private static long droppedSaid(Outbox outbox) {
        return outbox.next(0, TOPICS.of("state"), false, 100_000).stream().map(r -> {
            try {
                return JSON.readTree(r.payload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(e -> Outbox.DROPPED.equals(e.path("kind").asText())).mapToLong(e -> e.path("dropped").asLong())
                .sum();
    }

    /** A clock whose readings on the store writer's thread wait, once held, until it is released. */
    private static final class GatedClock extends Clock {
        private final Clock clock;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedClock(Clock clock) {
            this.clock = clock;
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().equals("orderly-store-writer")) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
