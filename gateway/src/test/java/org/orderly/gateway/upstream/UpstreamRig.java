package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.testkit.Await;

/**
 * A gateway's upstream side without the field: the real store (SQLite file), the real {@link Upstream} and, in place
 * of the control loop, a thread that hands it a cycle every 100 ms (a 100 kW transformer reading 50 kW, one of two
 * piles drawing 7 kW), as the recorder does live.
 */
final class UpstreamRig implements AutoCloseable {
    static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("p1", Phase.ABC, null).pile("p2", Phase.ABC, null).build();

    final Store store;
    final Upstream upstream;
    private final ScheduledExecutorService control;

    private UpstreamRig(Store store, Upstream upstream) {
        this.store = store;
        this.upstream = upstream;
        this.control = Executors.newSingleThreadScheduledExecutor();
        control.scheduleAtFixedRate(this::cycle, 0, 100, TimeUnit.MILLISECONDS);
    }

    static UpstreamSettings plaintext(String brokerUri, String gatewayId) {
        return UpstreamSettings.of(URI.create(brokerUri), gatewayId, new Transport.Plaintext());
    }

    static UpstreamRig start(Path dbFile, String gatewayId, UpstreamSettings settings) {
        return start(dbFile, gatewayId, settings, Clock.systemUTC(), Ticker.SYSTEM, ClockFloor.NONE);
    }

    /** Reconnect waits of 200 to 400 ms, for tests that count failed attempts. */
    static final LinkTimings QUICK_RETRIES = LinkTimings.DEFAULT.withReconnect(Duration.ofMillis(200),
            Duration.ofMillis(400));

    /** With the link's waits on the broker given (shorter than the gateway's, to see them end sooner). */
    static UpstreamRig start(Path dbFile, String gatewayId, UpstreamSettings settings, LinkTimings timings) {
        return start(dbFile, gatewayId, settings, Clock.systemUTC(), Ticker.SYSTEM, ClockFloor.NONE, timings);
    }

    /**
     * Starts a gateway on {@code dbFile} again with {@code settings}, lets it connect and send what its start sends,
     * its outbox's writer caught up, and stops it: the state messages {@code grid} got by then, by number, de-duplicated
     * ({@code online}, {@code offline}, ...).
     */
    static List<String> statesAfterNextStart(Path dbFile, String gatewayId, UpstreamSettings settings, GridSide grid)
            throws Exception {
        try (UpstreamRig rig = start(dbFile, gatewayId, settings)) {
            Await.until("connected again", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
            // Sent after the new online: the grid side has every state message of the start by then.
            grid.await(r -> r.topic().endsWith("/telemetry"), 30_000);
            assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(30))).as("the outbox's writer caught up")
                    .isTrue();
            return grid.deduplicated().stream().filter(r -> r.topic().endsWith("/state"))
                    .sorted(Comparator.comparingLong(GridSide.Received::seq))
                    .map(r -> r.json().path("state").asText()).toList();
        }
    }

    /** With the gateway's wall clock, monotonic ticker and clock floor given (the stand-in cycles on the real time). */
    static UpstreamRig start(Path dbFile, String gatewayId, UpstreamSettings settings, Clock clock, Ticker ticker,
                             ClockFloor floor) {
        return start(dbFile, gatewayId, settings, clock, ticker, floor, LinkTimings.DEFAULT);
    }

    private static UpstreamRig start(Path dbFile, String gatewayId, UpstreamSettings settings, Clock clock,
                                     Ticker ticker, ClockFloor floor, LinkTimings timings) {
        Store store = Store.open(StoreSettings.of(dbFile, 90), clock);
        Upstream upstream = Upstream.start(settings, gatewayId, store, COMPOUND, List::of, clock, ticker, floor, timings);
        // As the gateway does once started: a store found damaged from now on is moved aside while running.
        store.recoverWhenDamaged(floor.at().isBefore(Instant.EPOCH) ? Instant.EPOCH : floor.at());
        return new UpstreamRig(store, upstream);
    }

    private void cycle() {
        Instant now = Instant.now();
        List<PileObservation> piles = List.of(observation(0, true, 7.0, 1.0, now).build(),
                observation(1, false, 0, 0, now).build());
        CycleResult result = CycleResultBuilder.measured(new Allocation(new double[] {10.6, 0}, new int[] {-1, -1}),
                ControlMode.NORMAL, 43.0, List.of(PileReason.NONE, PileReason.NONE),
                upstream.caps().get()); // as the control loop is given them, and keeps to them
        upstream.cycle(new CycleSeen(now, new TransformerReading(50.0, now, Duration.ZERO), piles, result));
    }

    /** An event, as the recorder hands one over. */
    void event(String kind, String message) {
        upstream.event(new StoreEvent(Instant.now(), kind, "test", message));
    }

    /** The last message number given out, from the database. */
    long lastSeq() throws Exception {
        try (Connection c = store.database().open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq FROM upstream_seq")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Stops the stand-in control thread and the telemetry, and waits for the outbox's writer to commit what they handed
     * over: {@link #drained} counts committed rows, so a last message still in the writer's queue (a loaded machine)
     * would otherwise be stored after the test closed the link, and found missing.
     */
    void quiet() throws InterruptedException {
        control.shutdownNow();
        control.awaitTermination(2, TimeUnit.SECONDS);
        upstream.telemetry().close();
        assertThat(upstream.outbox().flush(Duration.ofSeconds(30))).as("the outbox's writer caught up").isTrue();
    }

    /**
     * Stops the upstream once all it was handed has left the outbox ({@link #quiet}, then drained), and waits up to
     * {@code timeoutMs} for the grid side to have every number up to the last, which it returns.
     */
    long stopDrained(GridSide grid, long timeoutMs) throws Exception {
        quiet();
        assertThat(drained(30_000)).as("drained before the stop").isTrue();
        upstream.close();
        long last = lastSeq();
        grid.awaitAllUpTo(last, timeoutMs);
        return last;
    }

    void awaitConnected(long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (!upstream.link().connected() && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
    }

    /**
     * Whether every publishable message numbered up to {@code seq} has left the outbox (acknowledged, or set aside)
     * within {@code timeoutMs}: a backlog drained while new messages keep coming, which {@link #drained} cannot tell,
     * as one or two of those are always on their way. A held row (a connection's will) is not backlog.
     */
    boolean drainedUpTo(long seq, long timeoutMs) throws Exception {
        long until = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < until) {
            try (Connection c = store.database().open();
                 PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE seq <= ? AND held = 0")) {
                p.setLong(1, seq);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && r.getLong(1) == 0) {
                        return true;
                    }
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * The held rows once there are {@code count} of them, or as they are after 10 s: an acknowledgement is a delete
     * the store's writer makes when it gets to it, after the link has gone on.
     */
    List<Long> heldSeqsOnce(int count) throws SQLException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Long> seqs = heldSeqs();
        while (seqs.size() != count && System.nanoTime() < until) {
            Thread.sleep(50);
            seqs = heldSeqs();
        }
        return seqs;
    }

    /** The numbers of the messages the outbox holds back (wills), lowest first. */
    List<Long> heldSeqs() throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = store.database().open();
             PreparedStatement p = c.prepareStatement("SELECT seq FROM outbox WHERE held <> 0 ORDER BY seq");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                seqs.add(r.getLong(1));
            }
        }
        return seqs;
    }

    /** Waits until only the held last will is left in the outbox. */
    boolean drained(long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < until) {
            if (upstream.outbox().size() <= 1) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() {
        control.shutdownNow();
        upstream.close();
        store.close();
    }
}
