package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.tariff.BeijingTariff;

/** The uncontrolled counterfactual: charged from arrival at full power, priced minute by minute. */
class TodayCalculatorTest {
    @Test
    void aCarArrivingAtThePeakWouldHavePaidThePeakPrice() {
        double cost = TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("18:30"), 14, 7);
        assertThat(cost).isCloseTo(14 * BeijingTariff.PEAK, within(1e-9));
    }

    @Test
    void chargingThatRunsIntoTheNextPeriodIsPricedInBoth() {
        double cost = TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("20:30"), 7, 7);
        assertThat(cost).isCloseTo(3.5 * BeijingTariff.PEAK + 3.5 * BeijingTariff.FLAT, within(1e-9));
    }

    @Test
    void nothingDeliveredOrNoPowerSeenCostsNothing() {
        assertThat(TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("20:30"), 0, 7)).isZero();
        assertThat(TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("20:30"), 5, 0)).isZero();
    }
}
