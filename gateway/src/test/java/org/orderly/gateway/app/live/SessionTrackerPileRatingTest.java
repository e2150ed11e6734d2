package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * What a Modbus pile's count begun again can say is bounded by the pile's rating, as its driver bounds its count
 * (docs/architecture.md, "A pile's count that goes back": 32 A on one phase at 300 V, 9.6 kW). Until 2026-12-07
 * (sess61) the tracker's bound was the pile's most current at the compound's 220 V (7.04 kW): a car drawing 8 kW
 * (32 A at 250 V) whose register reset while its pile went unheard had its new count taken for one gone back too far,
 * no count begun again, and the 2 kWh counted before the reset were lost.
 */
class SessionTrackerPileRatingTest {
    private final OneModbusPile pile = new OneModbusPile(0.1);

    @Test
    void aCountBegunAgainWhileThePileWasNotHeardIsBoundedByItsRating() {
        double kw = 32 * 250 / 1000.0;
        pile.read(0, 0);
        pile.read(2.0, 900);
        // The register reset as soon as 2.0 was read; the pile unheard until 1500 s, its car at 8 kW meanwhile.
        for (long t = 1500; t <= 3000; t += 5) {
            double register = Math.floor(kw * (t - 900) / 360.0 + 1e-9) / 10;
            assertThat(pile.read(register, t).deliveredKWh()).as("2 kWh before the reset plus %s since, at %s s", register, t)
                    .isCloseTo(2 + register, within(1e-9));
        }
    }
}
