package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

/**
 * A count held, then what was counted meanwhile at once, is taken ({@link SessionEnergyBound}): a bridge whose meter is
 * silent says its last count until the meter answers again (docs/firmware-bridge.md, {@code meterOk}), and an integer
 * register counts a step at a time. Until the read of 2026-12-07 each repeat of the held count moved the bound's time
 * on, and the count after the silence was refused for about as long as the silence had lasted, the pile counted
 * offline meanwhile. A pile of 32 A on 1 phase: at most 9.6 kW, 0.16 kWh a minute.
 */
class HeldSessionEnergyTest {

    private static Optional<String> at(SessionEnergyBound bound, double kwh, int seconds) {
        return bound.refusal(kwh, new Tick(Duration.ofSeconds(seconds).toNanos()));
    }

    @Test
    void aCountHeldThroughAMetersSilenceThenWhatItCountedMeanwhileIsTaken() {
        SessionEnergyBound bound = new SessionEnergyBound("P1", Optional.of(new PileRating(6, 32, 1)),
                0, PileWorldSpeed.REAL);
        for (int s = 0; s <= 60; s++) {
            assertThat(at(bound, 1.0, s)).as("the held count at %d s", s).isEmpty();
        }
        // 7 kW for the minute of silence and a second: 0.119 kWh
        assertThat(at(bound, 1.119, 61)).as("the count once the meter answers again").isEmpty();
        assertThat(at(bound, 1.121, 62)).as("the next, judged from it").isEmpty();
        assertThat(at(bound, 2.0, 63)).as("a jump the pile cannot make in a second").isPresent();
    }

    @Test
    void anIntegerRegistersCountComesAStepAtATime() {
        SessionEnergyBound bound = new SessionEnergyBound("P1", Optional.of(new PileRating(6, 32, 1)), 1.0, 1);
        assertThat(at(bound, 5, 0)).isEmpty();
        assertThat(at(bound, 6, 10)).as("a step of the register 10 s after the first count seen").isEmpty();
        assertThat(at(bound, 8, 11)).as("two steps in a second").isPresent();
    }
}
