package org.orderly.gateway.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionNumbers;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * A one-pile compound's control cycles recorded into a real store, as the gateway's loop runs and records them, from
 * {@link #start} (whole minutes, ten minutes ago, or as given with a controlled clock) on; minutes read back, once
 * {@link #close closed}, from the store reopened.
 */
final class RecordedCycles implements AutoCloseable {
    final Instant start;
    final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final Clock clock;
    private final Path file;
    private final ControlCycle cycle;
    private final Store store;
    private final CycleRecorder recorder;
    private boolean closed;

    RecordedCycles(Path dir) {
        this(dir, Clock.systemUTC(), Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10)));
    }

    /** Cycles from {@code start} on {@code clock}, which the test moves to each cycle's time. */
    RecordedCycles(Path dir, Clock clock, Instant start) {
        this.clock = clock;
        this.start = start;
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), clock, OrderlySettings.live(1.8));
        cycle = new ControlCycle(compound, policy, clock, Duration.ofSeconds(3), 10, SessionNumbers.inMemory());
        file = dir.resolve("orderly.db");
        store = Store.open(StoreSettings.of(file, 30), clock);
        recorder = new CycleRecorder(compound, store, "test", policy);
    }

    /** The store the cycles are recorded into, while not closed. */
    Store store() {
        return store;
    }

    /** The sessions that arrived in [from, to), once the store has written what was queued. */
    List<SessionRecord> sessions(Instant from, Instant to) throws InterruptedException {
        if (!store.flush(Duration.ofSeconds(10))) {
            throw new AssertionError("the store did not write what was queued within 10 s");
        }
        try (StoreReader reader = store.reader()) {
            return reader.sessions(from, to);
        }
    }

    /** One cycle at {@code now} on what the field shows, recorded. */
    void cycle(Instant now, TransformerReading reading, List<PileObservation> piles) {
        CycleResult result = cycle.run(reading, piles, List.of());
        recorder.record(now, reading, piles, result);
    }

    /** The minutes of {@code device}'s {@code quantity} in [from, to), from the store as written. */
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
