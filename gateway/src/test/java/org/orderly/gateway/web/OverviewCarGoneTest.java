package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.upstream.message.TelemetryBody;
import org.orderly.gateway.upstream.telemetry.TelemetryCalculator;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.PileRow;

/**
 * A car unplugged between a control cycle and the page's read (a live gateway on 127.0.0.1, a real bridge and meter;
 * one price all day, so the car charges at once). The pile's report comes from its driver, the session, offer and
 * reason from the last cycle: the moment between them is made to last by stopping the control thread after a cycle
 * that charges the car, then unplugging the car at the bridge. In the demo on 2026-12-05 such a row said idle and
 * plugged in at once, 32 A and "charging as planned" with a finish time. The card's counts are the cycle's, as the
 * telemetry of that cycle says them: until 2026-12-07 the card's plugged in count was the newer reports', 0 beside 1.
 */
@Timeout(90)
class OverviewCarGoneTest {
    @TempDir
    Path dir;

    @Test
    void aPileThatReportsNoCarHasNoSessionOfferNorReasonWhateverTheCycleSaid() throws Exception {
        try (WebRig rig = WebRig.onePrice(1, dir)) {
            Gateway gateway = rig.live.gateway;
            WebRig.await("the car charging", Duration.ofSeconds(30), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.reasons().get(0) == PileReason.CHARGING
                        && last.allocation().amps()[0] > 0 && !last.plugged().isEmpty();
            });
            // The control thread ended: its last result, the car charging, stays published.
            gateway.loop().close();
            CycleResult last = gateway.loop().lastResult();
            assertThat(last.reasons().get(0)).isEqualTo(PileReason.CHARGING);

            rig.live.bridges.get(0).unplug();
            WebRig.await("the pile reporting no car", Duration.ofSeconds(20), () ->
                    gateway.drivers().get(0).latest().map(s -> s.state() == ChargeState.A).orElse(false));

            Overview overview = WebRig.overview(gateway).build();
            PileRow row = overview.piles().get(0);
            assertThat(row.state()).isEqualTo("A");
            assertThat(row.plugged()).as("plugged in, beside state A").isFalse();
            assertThat(row.reason()).isEqualTo(PileReason.NONE.name());
            assertThat(row.amps()).as("amperes offered a pile with no car").isEqualTo(0.0);
            assertThat(row.finishAt()).isNull();
            assertThat(row.nextChargeAt()).isNull();
            // The card's counts are the cycle's, as that cycle's telemetry says them (PileCounts): the car still in them
            // until the next cycle, as in the card's loads. Until 2026-12-07 the card took them from the newer reports.
            TelemetryBody.PileCounts telemetry = new TelemetryCalculator(gateway.config().compound())
                    .of(gateway.loop().lastCycle()).piles();
            assertThat(telemetry.plugged()).as("the cycle's telemetry's piles.plugged").isEqualTo(1);
            assertThat(overview.plugged()).as("the card's plugged in, beside that cycle's telemetry's")
                    .isEqualTo(telemetry.plugged());
            assertThat(overview.charging()).as("the card's charging, beside that cycle's telemetry's")
                    .isEqualTo(telemetry.charging());
            assertThat(row.charging()).as("the row's charging (its group), the car gone").isFalse();
        }
    }
}
