package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

/** When a transformer reading flowing back to the grid is distrusted: below the threshold for the hold, on end. */
class BackflowWatchTest {
    private final BackflowWatch watch = new BackflowWatch();

    private static TransformerReading total(double kw) {
        return new TransformerReading(kw, Instant.EPOCH, Duration.ZERO);
    }

    private static TransformerReading phases(double totalKw, double a, double b, double c) {
        return meterReading(totalKw, Instant.EPOCH, Duration.ZERO).phaseKw(Map.of("power.a.kw", a, "power.b.kw", b, "power.c.kw", c))
                .build();
    }

    private static Tick at(double seconds) {
        return new Tick(Math.round(seconds * 1e9));
    }

    @Test
    void aTotalBelowTheThresholdIsDistrustedOnlyOnceItHasHeldForTheHold() {
        assertThat(watch.see(total(-12), at(0))).isEmpty();
        assertThat(watch.see(total(-12), at(4.9))).isEmpty();
        assertThat(watch.see(total(-11), at(5))).contains(new Backflow("power.total.kw", -11));
        assertThat(watch.see(total(-11), at(60))).contains(new Backflow("power.total.kw", -11));
    }

    @Test
    void aPlausibleReadingEndsItAndTheHoldStartsAgain() {
        watch.see(total(-12), at(0));
        assertThat(watch.see(total(-12), at(6))).isPresent();
        assertThat(watch.see(total(3), at(7))).as("plausible again").isEmpty();
        assertThat(watch.see(total(-12), at(8))).as("below again: the hold starts anew").isEmpty();
        assertThat(watch.see(total(-12), at(12.9))).isEmpty();
        assertThat(watch.see(total(-12), at(13))).isPresent();
    }

    @Test
    void anIdleMetersNoiseAndASmallNegativeAreNoBackflow() {
        assertThat(watch.see(total(-0.3), at(0))).isEmpty();
        assertThat(watch.see(phases(0.2, -0.4, 0.3, 0.3), at(10))).isEmpty();
        assertThat(watch.see(total(-0.5), at(20))).as("at the threshold itself").isEmpty();
    }

    @Test
    void aPhaseFlowingBackIsDistrustedThoughTheTotalLooksFine() {
        assertThat(watch.see(phases(10, 8, -3, 5), at(0))).isEmpty();
        assertThat(watch.see(phases(10, 8, -3, 5), at(5))).contains(new Backflow("power.b.kw", -3));
    }

    @Test
    void aNegativeTotalIsNamedBeforeANegativePhase() {
        watch.see(phases(-9, -3, -3, -3), at(0));
        assertThat(watch.see(phases(-9, -3, -3, -3), at(5))).contains(new Backflow("power.total.kw", -9));
    }

    @Test
    void theSentenceSaysWhatAndWhatToCheckInSelftestsWords() {
        assertThat(new Backflow("power.total.kw", -12).describe())
                .startsWith("power.total.kw = -12.00 kW flows back to the grid: a CT the wrong way round")
                .contains("check that each CT points away from the supply");
    }
}
