package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

/**
 * A count that goes back once (a register read torn between its words, a bridge's glitch) and then is back where it
 * was: the count back is taken, judged from the count before the drop. Until 2026-12-07 the low count was the base and
 * the true one after it refused until the pile could have delivered the difference from it (read56f's probe: refused
 * at 20 s, at an hour and at two, the Modbus driver holding the low count meanwhile, a bridge's statuses refused).
 */
class SessionEnergyBoundTornReadTest {
    private static final Tick T0 = new Tick(Duration.ofSeconds(5).toNanos());

    private final SessionEnergyBound bound = new SessionEnergyBound("P1",
            Optional.of(new PileRating(6, 32, 1)), 0, PileWorldSpeed.REAL);

    private Optional<String> at(int seconds, double kwh) {
        return bound.refusal(kwh, T0.plus(Duration.ofSeconds(seconds)));
    }

    @Test
    void theTrueCountAfterATornReadIsTaken() {
        assertThat(at(0, 10)).isEmpty();
        assertThat(at(1, 2)).as("a count below the last: taken, a session may begin anew").isEmpty();
        assertThat(at(20, 10.09)).as("back where it was, 0.09 kWh on in 20 s").isEmpty();
        assertThat(at(21, 10.1)).isEmpty();
        assertThat(at(22, 12)).as("a jump from the count back, as ever").isPresent();
    }

    @Test
    void aCountBeyondWhatThePileCouldDeliverSinceTheCountBeforeIsStillRefused() {
        assertThat(at(0, 10)).isEmpty();
        assertThat(at(1, 2)).isEmpty();
        assertThat(at(20, 11)).as("1 kWh more than 10 in 20 s").isPresent();
    }

    @Test
    void aCountBegunAgainCountsOnFromItsOwn() {
        assertThat(at(0, 10)).isEmpty();
        assertThat(at(1, 0.001)).isEmpty();
        assertThat(at(60, 0.1)).as("0.1 kWh in a minute from 0").isEmpty();
        assertThat(at(61, 5)).isPresent();
    }
}
