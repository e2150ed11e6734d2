package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.config.ControlConfig;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * The {@code control.mode} event at a backflow's end says what is true of the reading then. A reading that no longer
 * flows back but is below what the piles alone draw is not plausible: the cycle goes on from the last plausible
 * households (recent with a stale age above the backflow's hold). Until 2026-12-07 the event said "plausible again" of it.
 */
class BackflowEndEventTest {
    /** A stale age above {@link BackflowWatch#HOLD}, as {@code control.staleAfterMs} may be set. */
    private static final Duration STALE_AFTER = BackflowWatch.HOLD.plusSeconds(5);
    private static final double PILE_KW = 7;

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-07T07:00:00Z"), ZoneOffset.UTC);
    private final TestTicker ticker = new TestTicker();

    @Test
    void aReadingNoLongerFlowingBackButBelowThePilesIsNotSaidPlausible() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 10).staleAfter(STALE_AFTER).ticker(ticker).build();
        Instant from = clock.instant();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC())) {
            CycleRecorder recorder = new CycleRecorder(compound, store, "test", policy, CycleListener.NONE,
                    ClockFloor.NONE, cycle.sessions().samePlugIn(),
                    SampleHolds.of(ControlConfig.DEFAULT, TimeScale.REAL));
            recorder.record(cycled(cycle, 30));
            advance(Duration.ofSeconds(1));
            recorder.record(cycled(cycle, -70));
            advance(BackflowWatch.HOLD);
            recorder.record(cycled(cycle, -70));
            advance(Duration.ofSeconds(1));
            CycleSeen below = cycled(cycle, 1);
            recorder.record(below);

            assertThat(below.result().belowPiles()).as("the reading below the pile's draw").isNotNull();
            assertThat(below.result().mode()).as("on the last plausible households").isEqualTo(ControlMode.NORMAL);
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            try (StoreReader reader = store.reader()) {
                List<StoreEvent> modes = reader.events(from.minusSeconds(60), clock.instant().plusSeconds(60)).stream()
                        .filter(e -> e.kind().equals("control.mode")).toList();
                StoreEvent last = modes.get(modes.size() - 1);
                assertThat(last.message()).as("the event at the backflow's end").doesNotContain("plausible again")
                        .isEqualTo("conservative -> normal: transformer reading no longer flows back, but is below"
                                + " what the piles alone draw: " + below.result().belowPiles().describe()
                                + "; the households as the last plausible reading had them");
                assertThat(last.args()).containsEntry("form", "backBelowPiles");
            }
        }
    }

    private void advance(Duration d) {
        clock.advanceSeconds(d.toSeconds());
        ticker.advance(d);
    }

    /** One cycle on a reading of {@code totalKw} read now, the pile's car drawing {@link #PILE_KW} since a second. */
    private CycleSeen cycled(ControlCycle cycle, double totalKw) {
        TransformerReading reading = new TransformerReading(totalKw, clock.instant(), Duration.ZERO);
        List<PileObservation> piles = List.of(observation(0, true, PILE_KW, 0, clock.instant()).age(Duration.ofSeconds(1)).build());
        return new CycleSeen(clock.instant(), reading, piles, cycle.run(reading, piles, List.of()));
    }
}
