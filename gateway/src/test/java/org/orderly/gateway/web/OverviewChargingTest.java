package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.upstream.telemetry.TelemetryCalculator;
import org.orderly.gateway.web.view.Overview;

/**
 * The page's card and the telemetry count the same piles charging: those the last cycle heard drawing more than 0.1 kW
 * (CycleSeen#charging, telemetry's {@code piles.charging}). A live gateway on 127.0.0.1 with two real bridges and a
 * meter: p0's car charges, p1's car is plugged in and awake, drawing 50 W on whatever it is offered (its electronics,
 * not its battery: never so little that the gateway finds it full, 10 W). Until 2026-12-07 the card counted a pile given
 * current, so 2 charging beside the telemetry's 1.
 */
@Timeout(90)
class OverviewChargingTest {
    @TempDir
    Path dir;

    @Test
    void aCarGivenCurrentThatDrawsNoChargeIsNotChargingOnTheCardAsInTheTelemetry() throws Exception {
        try (WebRig rig = WebRig.onePrice(2, dir,
                id -> id.equals("p1") ? TestBridge.withCar(id, AwakeCar::of) : new TestBridge(id))) {
            Gateway gateway = rig.live.gateway;
            WebRig.await("both piles given current, p0's car charging and p1's awake", Duration.ofSeconds(40), () -> {
                CycleSeen seen = gateway.loop().lastCycle();
                return seen != null && seen.result().allocation().amps()[0] > 0
                        && seen.result().allocation().amps()[1] > 0 && seen.charging(0) && seen.piles().get(1).powerKw() > 0;
            });
            // The control thread ended: its last cycle stays published, for the page and the telemetry alike.
            gateway.loop().close();
            CycleSeen seen = gateway.loop().lastCycle();
            assertThat(seen.piles().get(1).powerKw()).as("p1's car, awake, drawing").isEqualTo(AwakeCar.KW);

            Overview overview = WebRig.overview(gateway).build();
            int telemetry = new TelemetryCalculator(gateway.config().compound()).of(seen).piles().charging();
            assertThat(telemetry).as("telemetry's piles.charging").isEqualTo(1);
            assertThat(overview.charging()).as("the card's charging, beside telemetry's piles.charging").isEqualTo(telemetry);
            assertThat(overview.plugged()).as("both cars plugged in").isEqualTo(2);
        }
    }
}
