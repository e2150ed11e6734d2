package org.orderly.gateway.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.store.Store;

/**
 * A control loop wired as the gateway wires it (its cycle, the field view of a test's drivers, a recorder into a
 * test's store), through the constructors the gateway uses. What a test leaves unsaid: the live policy on Beijing's
 * tariff, planning on the caller's thread; a safe EV power of 10 kW; readings stale after 5 s; the JVM's ticker; no
 * transformer reading published; a world in real time; no caps; no clock floor (the clock taken as set); nobody
 * hearing the recorder; a period of an hour, which no test outlasts.
 */
final class LoopBuilder {
    private final Compound compound;
    private final Store store;
    private final Clock clock;
    private final List<? extends PileDriver> drivers;
    private OrderlyPolicy policy;
    private double safeEvKw = 10;
    private Duration staleAfter = Duration.ofSeconds(5);
    private Ticker ticker = Ticker.SYSTEM;
    private LatestReadings readings = new LatestReadings();
    private TimeScale scale = TimeScale.REAL;
    private Supplier<List<GridCap>> caps = List::of;
    private CycleListener listener = CycleListener.NONE;
    private Duration period = Duration.ofHours(1);
    private ClockFloor clockFloor = ClockFloor.NONE;

    private LoopBuilder(Compound compound, Store store, Clock clock, List<? extends PileDriver> drivers) {
        this.compound = compound;
        this.store = store;
        this.clock = clock;
        this.drivers = drivers;
        this.policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8), new GreedyPlanner(),
                Runnable::run);
    }

    /** A loop over {@code compound}'s piles, driven by {@code drivers} (one each, in order), recording into {@code store}. */
    static LoopBuilder loop(Compound compound, Store store, Clock clock, List<? extends PileDriver> drivers) {
        return new LoopBuilder(compound, store, clock, drivers);
    }

    LoopBuilder policy(OrderlyPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** The earliest the clock can plausibly say (unsaid: none, the clock taken as set). */
    LoopBuilder clockFloor(ClockFloor clockFloor) {
        this.clockFloor = clockFloor;
        return this;
    }

    LoopBuilder safeEvKw(double safeEvKw) {
        this.safeEvKw = safeEvKw;
        return this;
    }

    LoopBuilder staleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
        return this;
    }

    /**
     * The ticker the cycle and the field view measure ages on (one, as the gateway wires them). The loop's own stays
     * the JVM's: a test that runs cycles by hand need not move it.
     */
    LoopBuilder ticker(Ticker ticker) {
        this.ticker = ticker;
        return this;
    }

    /** Where the test publishes the transformer meter's readings (meter "tx"). */
    LoopBuilder readings(LatestReadings readings) {
        this.readings = readings;
        return this;
    }

    LoopBuilder scale(TimeScale scale) {
        this.scale = scale;
        return this;
    }

    LoopBuilder caps(Supplier<List<GridCap>> caps) {
        this.caps = caps;
        return this;
    }

    /** Hears what the recorder hands on (the upstream link's place). */
    LoopBuilder listener(CycleListener listener) {
        this.listener = listener;
        return this;
    }

    LoopBuilder period(Duration period) {
        this.period = period;
        return this;
    }

    ControlLoop build() {
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, safeEvKw).staleAfter(staleAfter)
                .sessionNumbers(store::nextSessionNumber).ticker(ticker).clockFloor(clockFloor).build();
        FieldView field = new FieldView(readings, "tx", List.copyOf(drivers), scale, ticker, LineSource.NONE, Double.NaN,
                PileMeters.NONE);
        CycleRecorder recorder = RecorderBuilder.recorder(compound, store, policy).listener(listener).build();
        return new ControlLoop(cycle, field, recorder, caps, OptionalDouble::empty, clock, Ticker.SYSTEM, period);
    }

    /** Closes {@code loop}, then {@code store}, either null where a test stopped before making it. */
    static void close(ControlLoop loop, Store store) {
        if (loop != null) {
            loop.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
