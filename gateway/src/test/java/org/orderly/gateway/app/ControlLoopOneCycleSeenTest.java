package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.UnheardPile;

/**
 * A cycle is made one {@link CycleSeen} once, and the same is handed to the recorder's listener (the upstream link,
 * whose telemetry samples it), to the loop's observers and to the page ({@link ControlLoop#lastCycle}). Until
 * 2026-12-07 the upstream link made a second of the same four values each cycle.
 */
class ControlLoopOneCycleSeenTest {
    private static final Instant T = Instant.parse("2026-12-07T03:40:00Z");

    @TempDir
    Path dir;

    @Test
    void theRecordersListenerTheObserversAndThePageAreHandedTheOneValue() {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
        List<CycleSeen> toUpstream = new CopyOnWriteArrayList<>();
        List<CycleSeen> toObserver = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock)) {
            ControlLoop loop = LoopBuilder.loop(compound, store, clock, List.of(new UnheardPile("P1")))
                    .listener(handedTo(toUpstream)).build();
            loop.observe(handedTo(toObserver));
            loop.runCycle();
            loop.runCycle();

            assertThat(toUpstream).as("what the upstream link was handed").hasSize(2);
            assertThat(toObserver).as("what the observer was handed").hasSize(2);
            assertThat(toUpstream.get(1)).as("the upstream link's, the page's").isSameAs(loop.lastCycle());
            assertThat(toObserver.get(1)).as("the observer's, the page's").isSameAs(loop.lastCycle());
            assertThat(toUpstream.get(0)).as("each cycle its own").isNotSameAs(toUpstream.get(1));
            loop.close();
        }
    }

    /** A listener that keeps each cycle it is handed in {@code kept}. */
    private static CycleListener handedTo(List<CycleSeen> kept) {
        return new CycleListener() {
            @Override
            public void cycle(CycleSeen seen) {
                kept.add(seen);
            }
        };
    }
}
