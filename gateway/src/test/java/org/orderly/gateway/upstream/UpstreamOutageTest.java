package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.testkit.Mosquitto;

/**
 * Issue 4: the broker is stopped for the traffic of about three minutes (1,800 telemetry messages, as sent every
 * 100 ms for 180 s, and events) and started again; every message arrives, in order per topic, exactly once after
 * de-duplication by id. CI stops it for 15 s with telemetry every 8 ms: the same backlog, and, with the link's
 * reconnect back-off shortened to 250 ms doubling to 4 s ({@link LinkTimings#reconnectFirst}), longer than that
 * back-off takes to reach its cap (0.25 + 0.5 + 1 + 2 s), so the reconnect still waits out a capped back-off.
 * {@code -Dorderly.outageSeconds=180} runs the three minutes in real time (telemetry every 100 ms) with the gateway's
 * back-off (1 s doubling to 30 s); the period is always the outage's length divided by 1,800.
 */
class UpstreamOutageTest {
    private static final Long OUTAGE_GIVEN = Long.getLong("orderly.outageSeconds");
    private static final long OUTAGE_S = OUTAGE_GIVEN == null ? 15 : OUTAGE_GIVEN;
    private static final LinkTimings TIMINGS = OUTAGE_GIVEN != null ? LinkTimings.DEFAULT
            : LinkTimings.DEFAULT.withReconnect(Duration.ofMillis(250), Duration.ofSeconds(4));
    /** The telemetry messages sent during the outage: three minutes' worth at 100 ms. */
    private static final long OUTAGE_TELEMETRY = 1800;
    private static final Duration TELEMETRY_PERIOD = Duration.ofMillis(OUTAGE_S * 1000 / OUTAGE_TELEMETRY);

    @TempDir
    Path dir;

    /**
     * The will of the connection the outage ended is released and arrives before the next "online"; what the outbox
     * still holds is only the will of the connection now open (the one its "online" names). The first check also holds
     * with the gateway's release removed (Mosquitto 2.0 delivers its own copy of that will); the held rows are what
     * tells the release happened (seen failing without it: held [2, 64]).
     */
    private static void assertWillsInPlace(GridSide grid, UpstreamRig rig) throws Exception {
        List<GridSide.Received> states = grid.all().stream().filter(r -> r.topic().endsWith("/state")).toList();
        List<GridSide.Received> onlines = states.stream()
                .filter(r -> r.json().path("state").asText().equals("online")).toList();
        assertThat(onlines).extracting(GridSide.Received::seq).as("state messages: %s", states).hasSize(2);
        long endedWill = onlines.get(0).json().path("will").asLong();
        long nextOnline = onlines.get(1).seq();
        assertThat(states.stream().takeWhile(r -> r.seq() != nextOnline).map(GridSide.Received::seq))
                .as("the ended connection's will (%d) before the next online (%d): %s", endedWill, nextOnline, states)
                .contains(endedWill);
        assertThat(rig.heldSeqsOnce(1)).as("held in the outbox after the backlog")
                .containsExactly(onlines.get(1).json().path("will").asLong());
    }

    @Test
    @Timeout(600)
    void aBrokerOutageHoldingThreeMinutesOfTrafficLosesNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-o");
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-o",
                     UpstreamRig.plaintext(broker.url(), "gw-o").withTelemetryPeriod(TELEMETRY_PERIOD)
                             .withDrainPerSecond(200), TIMINGS)) {
            grid.await(r -> r.topic().endsWith("/telemetry"), 20_000);
            rig.event("test.before", "before the outage");

            broker.stop();
            long stoppedAt = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                Thread.sleep(OUTAGE_S * 1000 / 6);
                rig.event("test.during", "during the outage, " + i);
            }
            long backlog = rig.upstream.outbox().size();
            long waitingUpTo = rig.lastSeq();
            broker.start();
            try {
                grid.reconnect();
            } catch (AssertionError e) {
                String log = broker.log();
                throw new AssertionError(e.getMessage() + "; the broker's log ends:\n"
                        + log.substring(Math.max(0, log.length() - 4000)), e);
            }
            double outage = (System.nanoTime() - stoppedAt) / 1e9;
            rig.event("test.after", "after the outage");

            long back = System.nanoTime();
            assertThat(rig.drainedUpTo(waitingUpTo, 120_000)).as("backlog drained after the broker came back").isTrue();
            double drainS = (System.nanoTime() - back) / 1e9;
            assertWillsInPlace(grid, rig);
            rig.quiet();
            assertThat(rig.drained(30_000)).isTrue();
            rig.upstream.close();
            long last = rig.lastSeq();
            grid.awaitAllUpTo(last, 60_000);
            String summary = Delivery.assertCompleteAndOrdered(grid, last);
            System.out.printf("UpstreamOutageTest: outage %.0f s (telemetry every %d ms), %d messages waiting when the "
                    + "broker came back, drained in %.1f s (limit 200/s, including the reconnect backoff); %s%n",
                    outage, TELEMETRY_PERIOD.toMillis(), backlog, drainS, summary);
            assertThat(backlog).as("a real backlog built up: over half the outage's telemetry")
                    .isGreaterThan(OUTAGE_TELEMETRY / 2);
        }
    }
}
