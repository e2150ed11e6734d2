package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.SafeEvPower;
import org.orderly.gateway.core.tariff.BeijingTariff;

/**
 * A plan made while the transformer reading is not trusted (conservative mode): the current slot has the safe EV
 * power as its room, whatever the forecast says; later slots the forecast's room, as with a live reading; and with no
 * forecast at all (no reading ever trusted) every slot has the safe EV power. The safe EV power is what the cars may
 * draw whatever the households do under the transformer's 100 kW: a grid cap, on the total, takes what it lowers the
 * limit by off it, since the households may still load 90 kW.
 */
class PlanProblemWithoutReadingTest {
    private static final double SAFE_EV_KW = 10;

    private final Compound compound = PlanScenario.defaultCompound(2);
    private final PlannerSettings settings = PlannerSettings.defaults(PlanScenario.PENALTY);
    private final PlanProblemBuilder builder = new PlanProblemBuilder(compound, BeijingTariff.tariff(), settings);
    private final Instant now = BeijingTariff.tuesday("19:05");

    private static double kwIn(PlanProblem p, int slot) {
        return p.roomKWh()[slot][Compound.TRANSFORMER] / p.hours()[slot];
    }

    @Test
    void theCurrentSlotHasTheSafeEvPowerAndLaterSlotsTheForecastsRoom() {
        BaseLoadForecast forecast = new BaseLoadForecast(BeijingTariff.ZONE);
        forecast.observe(now.minusSeconds(60), 30);

        PlanProblem blind = builder.build(PlanInput.withoutReading(now, forecast, List.of(), List.of(),
                new SafeEvPower(SAFE_EV_KW, Double.POSITIVE_INFINITY)));
        PlanProblem live = builder.build(new PlanInput(now, 30, forecast, List.of(), List.of()));

        assertThat(kwIn(blind, 0)).as("the room now: the safe EV power, not the forecast's %.1f kW", kwIn(live, 0))
                .isCloseTo(SAFE_EV_KW, within(1e-9));
        for (int j = 1; j < blind.slots(); j++) {
            assertThat(kwIn(blind, j)).as("slot %d, as the forecast has it", j).isCloseTo(kwIn(live, j), within(1e-9));
        }
        assertThat(blind.expectedBaseKw()[0]).as("the households now as forecast").isCloseTo(30, within(1e-9));
    }

    @Test
    void withNoForecastEverySlotHasTheSafeEvPower() {
        PlanProblem blind = builder.build(PlanInput.withoutReading(now, new BaseLoadForecast(BeijingTariff.ZONE),
                List.of(), List.of(), new SafeEvPower(SAFE_EV_KW, Double.POSITIVE_INFINITY)));

        for (int j = 0; j < blind.slots(); j++) {
            assertThat(kwIn(blind, j)).as("slot %d", j).isCloseTo(SAFE_EV_KW, within(1e-9));
        }
    }

    @Test
    void aCapInForceNowTakesWhatItLowersTheLimitByOffTheSafePower() {
        BaseLoadForecast forecast = new BaseLoadForecast(BeijingTariff.ZONE);
        forecast.observe(now.minusSeconds(60), 30);
        GridCap at95 = new GridCap("peak", now.minusSeconds(60), now.plusSeconds(7200), 95);
        GridCap at85 = new GridCap("deeper", now.minusSeconds(60), now.plusSeconds(7200), 85);

        PlanProblem under95 = builder.build(PlanInput.withoutReading(now, forecast, List.of(at95), List.of(),
                new SafeEvPower(SAFE_EV_KW, Double.POSITIVE_INFINITY)));
        PlanProblem under85 = builder.build(PlanInput.withoutReading(now, forecast, List.of(at85), List.of(),
                new SafeEvPower(SAFE_EV_KW, Double.POSITIVE_INFINITY)));
        PlanProblem withContact = builder.build(PlanInput.withoutReading(now, forecast, List.of(at95), List.of(),
                new SafeEvPower(SAFE_EV_KW, 3)));

        assertThat(kwIn(under95, 0)).as("the room now under a 95 kW cap").isCloseTo(5, within(1e-9));
        assertThat(kwIn(under85, 0)).as("the room now under an 85 kW cap").isZero();
        assertThat(kwIn(withContact, 0)).as("the contact's 3 kW, below the cap's 5").isCloseTo(3, within(1e-9));
    }

    @Test
    void withNoForecastEverySlotUnderACapHasWhatTheCapLeavesOfTheSafePower() {
        GridCap at95 = new GridCap("peak", now.minusSeconds(60), now.plusSeconds(3600), 95);

        PlanProblem blind = builder.build(PlanInput.withoutReading(now, new BaseLoadForecast(BeijingTariff.ZONE),
                List.of(at95), List.of(), new SafeEvPower(SAFE_EV_KW, Double.POSITIVE_INFINITY)));

        for (int j = 0; j < blind.slots(); j++) {
            boolean capped = blind.limitKw()[j] < 100;
            assertThat(kwIn(blind, j)).as("slot %d, %s", j, capped ? "under the cap" : "after it")
                    .isCloseTo(capped ? 5 : SAFE_EV_KW, within(1e-9));
        }
    }
}
