package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;

class PileCarsTest {
    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private final PileCars cars = new PileCars(2);

    @Test
    void withNoMemoryAPileIsPlannedAsTheSlowestCommonCharger() {
        assertThat(cars.assumedKw(0)).isEqualTo(PileCars.SLOWEST_KW);
    }

    @Test
    void aPastStayOfAnHourOrMoreSetsAFloorAndAShorterOneDoesNot() {
        cars.remember(past(0, Duration.ofHours(3), 19));
        cars.remember(past(1, Duration.ofMinutes(40), 4.6));
        assertThat(cars.assumedKw(0)).isEqualTo(19 / 3.0);
        assertThat(cars.assumedKw(1)).as("6.9 kW over 40 minutes says little").isEqualTo(PileCars.SLOWEST_KW);
        cars.remember(past(0, Duration.ofHours(10), 12));
        assertThat(cars.assumedKw(0)).as("the highest stands").isEqualTo(19 / 3.0);
    }

    @Test
    void theLastCarsShownLimitWinsOverThePast() {
        cars.remember(past(0, Duration.ofHours(3), 19));
        cars.lastCar(0, 3.5);
        assertThat(cars.assumedKw(0)).isEqualTo(3.5);
    }

    @Test
    void aLastCarShownSlowerThanTheSlowestCommonChargerIsPlannedAsThatCharger() {
        // A car that drew a few minutes' worth only (it came nearly full) shows little of its charger.
        cars.lastCar(0, 0.56);
        assertThat(cars.assumedKw(0)).isEqualTo(PileCars.SLOWEST_KW);
    }

    private static PastSession past(int pile, Duration stay, double kwh) {
        return new PastSession(pile, T, T.plus(stay), kwh, Declaration.NONE, false);
    }
}
