package org.orderly.gateway.app;

import java.time.Clock;
import java.util.List;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Phase;
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
        ControlLoop loop = LoopBuilder.loop(b.build(), store, clock, drivers).build();
        loop.runCycle();
        return loop;
    }
}
