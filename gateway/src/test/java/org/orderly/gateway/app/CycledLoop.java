package org.orderly.gateway.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.store.Store;

/**
 * A control loop of {@code drivers}' piles (on the phases in turn, 32 A each) that is never started, having run one
 * cycle on the caller's thread: its counts and its last cycle's age are there for what reads them (the page's
 * {@code /metrics} and {@code /healthz}), and no cycle comes after. Without a transformer reading, that cycle is
 * conservative. Its period is an hour: the one cycle is not stale within a test.
 */
public final class CycledLoop {
    private CycledLoop() {
    }

    public static ControlLoop of(List<PileDriver> drivers, Store store, Clock clock) {
        CompoundFixtures.Builder b = CompoundFixtures.compound().limitKw(100);
        Phase[] phases = {Phase.A, Phase.B, Phase.C};
        for (int i = 0; i < drivers.size(); i++) {
            b.pile(drivers.get(i).pileId(), phases[i % 3], null);
        }
        Compound compound = b.build();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), OrderlySettings.live(1.8),
                new GreedyPlanner(), Runnable::run);
        ControlCycle cycle = new ControlCycle(compound, policy, clock, Duration.ofSeconds(5), 10,
                store::nextSessionNumber);
        FieldView field = new FieldView(new LatestReadings(), "tx", drivers, TimeScale.REAL, Ticker.SYSTEM);
        ControlLoop loop = new ControlLoop(cycle, field, new CycleRecorder(compound, store, "test", policy), List::of,
                clock, Duration.ofHours(1));
        loop.runCycle();
        return loop;
    }
}
