package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.estimate.Estimator;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.view.Today;
import org.orderly.gateway.web.view.TodayCalculator;

/**
 * A compound's control cycles (P1, or P1 to Pn, on line A, 100 kW, planned at once on the cycle's thread) recorded into a
 * real store, as the gateway's loop runs and records them, on a virtual clock that each cycle sets to its time.
 */
final class RecordedCycles implements AutoCloseable {
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(10);
    /** How far apart the tests run their cycles. */
    static final Duration CYCLE_PERIOD = Duration.ofSeconds(5);

    final Compound compound;
    final VirtualClock clock;
    final Store store;
    final ControlCycle cycle;
    final CycleRecorder recorder;
    final OrderlyPolicy policy;
    /** What the policy learns from the sessions that end. */
    final Estimator estimator;
    private final Path file;
    /** When the cycles begin, and the ticker each sets to its time since (null: the system's, in real time). */
    private final Instant start;
    private final TestTicker ticker;
    private boolean closed;

    /** Cycles from {@code start} on, in {@code zone}. */
    RecordedCycles(Path dir, Instant start, ZoneId zone) {
        this(dir, start, zone, TimeScale.REAL);
    }

    /**
     * As above, the piles counting in {@code world}: the session tracker and the recorder judge plug-ins in its time
     * (the tracker's {@link org.orderly.gateway.app.live.SessionTracker#samePlugIn}), as the gateway has them.
     */
    RecordedCycles(Path dir, Instant start, ZoneId zone, TimeScale world) {
        this(dir, start, zone, world, 1);
    }

    /** As above, with {@code piles} piles on line A (P1, P2, ...). */
    RecordedCycles(Path dir, Instant start, ZoneId zone, TimeScale world, int piles) {
        this(dir, start, zone, world, piles, null);
    }

    /**
     * One pile, its cycles' ticker (what a spell of E or F is timed on) moved with the clock by each cycle, from
     * {@code start}: the others tick in real time.
     */
    static RecordedCycles tickingWithTheClock(Path dir, Instant start, ZoneId zone) {
        return new RecordedCycles(dir, start, zone, TimeScale.REAL, 1, new TestTicker());
    }

    private RecordedCycles(Path dir, Instant start, ZoneId zone, TimeScale world, int piles, TestTicker ticker) {
        this.start = start;
        this.ticker = ticker;
        CompoundFixtures.Builder b = CompoundFixtures.compound().limitKw(100);
        for (int i = 1; i <= piles; i++) {
            b.pile("P" + i, Phase.A, null);
        }
        compound = b.build();
        clock = new VirtualClock(start, zone);
        file = dir.resolve("orderly.db");
        store = Store.open(StoreSettings.of(file, 30), clock);
        estimator = new Estimator(BeijingTariff.tariff().zone(), compound.pileCount());
        policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), Runnable::run, estimator);
        cycle = CycleBuilder.cycle(compound, policy, clock, 10).sessionNumbers(store::nextSessionNumber).world(world)
                .ticker(ticker == null ? Ticker.SYSTEM : ticker).build();
        recorder = RecorderBuilder.recorder(compound, store, policy).samePlugIn(cycle.sessions().samePlugIn()).build();
    }

    /** How old a reading may be and not be stale, as its cycle judges (the test cycle's default). */
    Duration staleAfter() {
        return cycle.staleAfter();
    }

    /** One cycle at {@code now}, the clock set to it, on what the field shows, recorded. */
    void cycle(Instant now, TransformerReading reading, List<PileObservation> piles) {
        clock.set(now);
        if (ticker != null) {
            ticker.set(Duration.between(start, now));
        }
        recorder.record(new CycleSeen(now, reading, piles, cycle.run(reading, piles, List.of())));
    }

    /**
     * Today's figures as the page computes them, once all recorded so far is written: the tests' cycles are
     * {@link #CYCLE_PERIOD} apart, the control period the page counts a minute's cycles by.
     */
    Today today() throws InterruptedException {
        flush();
        return new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE_PERIOD).compute();
    }

    /** Waits until all recorded so far is written. */
    void flush() throws InterruptedException {
        assertThat(store.flush(FLUSH_WAIT)).as("the store written").isTrue();
    }

    /** The sessions stored in [from, to), once all recorded so far is written. */
    List<SessionRecord> sessions(Instant from, Instant to) throws InterruptedException {
        flush();
        try (StoreReader r = store.reader()) {
            return r.sessions(from, to);
        }
    }

    /** The minutes of {@code device}'s {@code quantity} in [from, to), from the store as written, closed and reopened. */
    List<MinuteReading> readings(String device, String quantity, Instant from, Instant to) throws Exception {
        close();
        try (Store reopened = Store.open(StoreSettings.of(file, 30), clock);
             StoreReader reader = reopened.reader()) {
            return reader.readings(device, quantity, from, to);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }
}
