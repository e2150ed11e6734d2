package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.FieldView;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.web.view.Overview;
import org.orderly.testkit.Await;

/**
 * The card's transformer load, EV load and households' load are of one instant, the last control cycle's (a live
 * gateway on 127.0.0.1, a real bridge and meter, the households at 8 kW, one price all day so that the car charges at
 * once). The households' load falls by 5 kW after a cycle: the moment before the next cycle is made to last by stopping
 * the control thread. On 2026-12-06 the sped-up demo's card showed households 80.2 kW beside a transformer of 80.0 kW
 * and no EV load: the transformer the meter's newest reading, the households the last cycle's.
 */
@Timeout(180)
class OverviewOneInstantTest {
    private static final double HOUSEHOLDS_KW = 8;
    @TempDir
    Path dir;

    @Test
    void theTransformerEvAndHouseholdsLoadsAreTheLastCyclesWhateverTheMeterReadSince() throws Exception {
        try (WebRig rig = WebRig.onePrice(1, dir)) {
            Gateway gateway = rig.live.gateway;
            // The car at its full draw (32 A, 7 kW), not ramping up to it: the meter reads no more after the stop.
            WebRig.await("a cycle that saw the car draw 7 kW and took the households as 8 kW", Duration.ofSeconds(30), () -> {
                CycleSeen seen = gateway.loop().lastCycle();
                return seen != null && seen.transformer() != null
                        && Math.abs(seen.result().baseKw() - HOUSEHOLDS_KW) < 0.05
                        && seen.piles().stream().mapToDouble(PileObservation::powerKw).sum() > 6.5;
            });
            // The control thread ended: its last cycle, with the households at 8 kW, stays published.
            gateway.loop().close();
            CycleSeen seen = gateway.loop().lastCycle();
            double cycleKw = seen.transformer().totalKw();

            // The meter's newest reading 5 kW lower: waited for as a poll begun after the change (a reading's tick is
            // its poll's beginning), then asserted, so that a loaded machine's slow polls make the wait longer, never
            // the test fail; its bound is only for a poller that stopped.
            Tick changed = gateway.ticker().now();
            rig.live.householdKw(HOUSEHOLDS_KW - 5);
            String meter = gateway.config().transformerMeter().id();
            Reading newest = Await.untilGiving("a transformer reading of a poll begun after the households' change",
                    Duration.ofSeconds(60), () -> gateway.readings().latest(meter).orElse(null),
                    r -> r != null && changed.isBefore(r.tick()));
            assertThat(newest.value(FieldView.TOTAL_POWER).orElse(Double.NaN)).as("the meter's newest reading, 5 kW lower")
                    .isLessThan(cycleKw - 4);

            Overview overview = WebRig.overview(gateway).build();
            assertThat(overview.baseKw()).as("the households, the last cycle's").isCloseTo(HOUSEHOLDS_KW, within(0.05));
            assertThat(overview.transformerKw()).as("the transformer's load, of the cycle the households are of")
                    .isCloseTo(cycleKw, within(1e-9));
            assertThat(overview.baseKw() + overview.evKw()).as("households and EV load, the transformer's load")
                    .isCloseTo(overview.transformerKw(), within(0.1));
            assertThat(overview.loadsAt()).isEqualTo(seen.at().toEpochMilli());
        }
    }

    /**
     * A stopped or hung control loop leaves its last cycle's loads published: the card says they are overdue once that
     * cycle is older than the loop's bound for a stall, as the health check does. Until late on 2026-12-06 it showed them as
     * the present loads, the meter's status saying FRESH, with only the "as of" time to tell.
     */
    @Test
    void theLoadsOfACycleOlderThanTheLoopsBoundForAStallAreSaidOverdue() throws Exception {
        try (WebRig rig = WebRig.onePrice(1, dir)) {
            Gateway gateway = rig.live.gateway;
            WebRig.await("a cycle", Duration.ofSeconds(30), () -> gateway.loop().lastCycle() != null);
            assertThat(WebRig.overview(gateway).build().loadsOverdue()).as("a loop cycling").isFalse();
            gateway.loop().close();
            WebRig.await("the loop's last cycle older than its bound for a stall", Duration.ofSeconds(60), () ->
                    gateway.loop().sinceLastCycle().orElseThrow().compareTo(gateway.loop().overdueAfter()) > 0);

            Overview overview = WebRig.overview(gateway).build();
            assertThat(overview.loadsOverdue()).as("the card's loads, of a cycle past the loop's bound for a stall")
                    .isTrue();
        }
    }
}
