package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.core.time.Tick;

/**
 * {@link SessionEnergyBound} in a world sped up ({@code orderly demo --speed}): the bridges count their cars' energy on
 * the world's clock, so a status 10 s late in real time is as many of the world's seconds late as the world runs in
 * them (docs/firmware-bridge.md, "sessionEnergyKwh"). A pile of 32 A on 1 phase: at most 9.6 kW. Statuses 1 s apart in
 * real time, {@code speed} s apart in the world's: the pile may have delivered 9.6 kW over {@code speed} s and the 10 s
 * a status may be late, {@code 10 * speed} s of the world's, plus 0.01 kWh of rounding.
 */
class SpedUpSessionEnergyBoundTest {
    private static final double MOST_KW = 9.6;

    private static Optional<String> at(SessionEnergyBound bound, double kwh, double realSeconds) {
        return bound.refusal(kwh, new Tick(Math.round(realSeconds * 1e9)));
    }

    private static SessionEnergyBound inWorldOfSpeed(double speed) {
        return new SessionEnergyBound("P1", Optional.of(new PileRating(6, 32, 1)), 0, speed);
    }

    @ParameterizedTest(name = "speed {0}")
    @ValueSource(doubles = {1, 60, 300})
    void aStatusLateByTenRealSecondsIsAllowedTenSecondsOfTheWorldsTime(double speed) {
        double allowed = MOST_KW * (speed + SessionEnergyBound.LATE.toSeconds() * speed) / 3600 + SessionEnergyBound.ROUNDING_KWH;
        SessionEnergyBound within = inWorldOfSpeed(speed);
        assertThat(at(within, 1.0, 0)).isEmpty();
        assertThat(at(within, 1.0 + allowed * 0.99, 1)).as("just within what the pile may deliver").isEmpty();

        SessionEnergyBound beyond = inWorldOfSpeed(speed);
        assertThat(at(beyond, 1.0, 0)).isEmpty();
        assertThat(at(beyond, 1.0 + allowed * 1.01, 1)).as("just beyond it").hasValueSatisfying(
                why -> assertThat(why).contains("more than 1.00 kWh " + Math.round(speed) + " s before"));
    }

    @ParameterizedTest(name = "speed {0}")
    @ValueSource(doubles = {60, 300})
    void aStatusLateInRealTimeIsNotRefusedForTheWorldsSecondsThatPassedMeanwhile(double speed) {
        // The last status came 10 s late: it was the count of 10 real seconds before, and the next one on time says
        // what the pile delivered in 11 real seconds, 11 x speed of the world's.
        SessionEnergyBound bound = inWorldOfSpeed(speed);
        assertThat(at(bound, 1.0, 0)).isEmpty();
        double delivered = MOST_KW * Duration.ofSeconds(11).toSeconds() * speed / 3600;
        assertThat(at(bound, 1.0 + delivered, 1)).as("%s kWh at 9.6 kW over 11 s of real time", delivered).isEmpty();
    }
}
