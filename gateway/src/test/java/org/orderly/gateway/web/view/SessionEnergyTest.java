package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.SessionRecord;

/** One session's figures from its pile's minutes and its row's counter, as today counts them. */
class SessionEnergyTest {
    private static final Duration CYCLE = Duration.ofSeconds(1);
    private static final Duration WHOLE_MINUTE = Duration.ofSeconds(60);

    /**
     * A car drawing 7 kW left P0 at 21:05:20 and the next came in at 21:05:40 and draws 3.5 kW: the pile's 21:05 minute
     * has the leaving car's 7 kW as its most. Until 2026-12-05 that was the most the next car was seen to draw, and its
     * uncontrolled counterfactual was charged at 7 kW.
     */
    @Test
    void theMostSeenInAMinuteSharedWithTheCarBeforeIsNotTheNextCarsMost() {
        Instant minute = tuesday("21:05");
        SessionRecord leaving = new SessionRecord("P0@1", "P0", minute.minus(Duration.ofHours(2)),
                minute.plusSeconds(20), null, Double.NaN, Double.NaN, false);
        SessionRecord arriving = new SessionRecord("P0@2", "P0", minute.plusSeconds(40), null, null, Double.NaN,
                Double.NaN, false);
        Instant now = minute.plusSeconds(180);
        PileStays stays = new PileStays(List.of(leaving, arriving), now);
        List<MinuteReading> minutes = List.of(
                minute(minute, 0, (7.0 * 20 + 3.5 * 20) / 60, 7.0),
                minute(minute.plusSeconds(60), 3.5, 3.5, 3.5),
                minute(minute.plusSeconds(120), 3.5, 3.5, 3.5));

        SessionEnergy e = SessionEnergy.of(arriving, minutes, new MinuteCoverage(List.of(), CYCLE),
                t -> stays.share(arriving, t), minute, now, BeijingTariff.tariff());

        assertThat(e.maxSeenKw()).as("the most the arriving car was seen to draw").isEqualTo(3.5);
    }

    /**
     * A car came in at 22:59:50 on a pile that says no power (a Modbus map without a power register: no minute heard)
     * and left at 23:10, its pile's counter at 1.22 kWh: 10 s of the 22:59 minute at the flat price, the ten minutes
     * after in the valley. Until 2026-12-05 the counter was spread evenly over the eleven silent minutes, the 22:59 one
     * getting a whole minute's share (0.111 kWh at the flat price) for the car's 10 s in it.
     */
    @Test
    void aSilenceIsSpreadOverTheTimeTheCarWasThereNotAWholeArrivalMinute() {
        double counter = 1.22;
        SessionRecord row = new SessionRecord("P0@1", "P0", tuesday("22:59").plusSeconds(50), tuesday("23:10"), null,
                Double.NaN, counter, false, true, tuesday("23:09").plusSeconds(55), counter);

        SessionEnergy e = SessionEnergy.of(row, List.of(), new MinuteCoverage(List.of(), CYCLE), t -> 1,
                tuesday("22:59"), tuesday("23:10"), BeijingTariff.tariff());

        assertThat(e.kwh()).as("the pile's counter").isCloseTo(counter, within(1e-9));
        assertThat(e.costYuan()).as("10 s of 610 at the flat price, the rest in the valley")
                .isCloseTo(counter * 10 / 610 * BeijingTariff.FLAT + counter * 600 / 610 * BeijingTariff.VALLEY,
                        within(1e-9));
    }

    /**
     * A car came in at 22:50 on a pile that says no power (no minute heard) and was seen to leave at 23:00:10, its pile's
     * counter at 1.22 kWh: ten minutes at the flat price, 10 s of the 23:00 minute in the valley. The departure's minute
     * counts for the car's 10 s in it, not a whole minute's share (60 s of 660 in the valley).
     */
    @Test
    void aSilenceIsSpreadOverTheTimeTheCarWasThereNotAWholeDepartureMinute() {
        double counter = 1.22;
        Instant left = tuesday("23:00").plusSeconds(10);
        SessionRecord row = new SessionRecord("P0@1", "P0", tuesday("22:50"), left, null, Double.NaN, counter, false,
                true, tuesday("22:50"), counter);

        SessionEnergy e = SessionEnergy.of(row, List.of(), new MinuteCoverage(List.of(), CYCLE), t -> 1,
                tuesday("22:50"), left, BeijingTariff.tariff());

        assertThat(e.kwh()).as("the pile's counter").isCloseTo(counter, within(1e-9));
        assertThat(e.costYuan()).as("600 s of 610 at the flat price, 10 s in the valley")
                .isCloseTo(counter * 600 / 610 * BeijingTariff.FLAT + counter * 10 / 610 * BeijingTariff.VALLEY,
                        within(1e-9));
    }

    /** A minute of P0's power, its mean over all of it. */
    private static MinuteReading minute(Instant minute, double min, double mean, double max) {
        return new MinuteReading("pile-P0", "power.kw", minute, min, mean, max, 3, WHOLE_MINUTE);
    }
}
