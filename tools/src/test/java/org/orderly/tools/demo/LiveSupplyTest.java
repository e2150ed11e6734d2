package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.LineLoads;

/** The demo meter shows each line as loaded, not the total split evenly, so the gateway's per-line room has work to do. */
class LiveSupplyTest {
    @Test
    void eachLineShowsItsOwnPowerAndTheCurrentThatGoesWithIt() {
        Map<String, Double> q = new LiveSupply(220).at(Instant.EPOCH, new LineLoads(44, 22, 11));

        assertThat(q.get("power.a.kw")).isEqualTo(44);
        assertThat(q.get("power.b.kw")).isEqualTo(22);
        assertThat(q.get("power.c.kw")).isEqualTo(11);
        assertThat(q.get("current.a.a")).isCloseTo(200, within(1e-9));
        assertThat(q.get("current.c.a")).isCloseTo(50, within(1e-9));
        assertThat(q.get("power.total.kw")).isEqualTo(77);
    }

    @Test
    void theEnergyCounterAdvancesWithTheSumOfTheLines() {
        LiveSupply supply = new LiveSupply(220);
        supply.at(Instant.EPOCH, new LineLoads(10, 10, 10));

        Map<String, Double> q = supply.at(Instant.EPOCH.plusSeconds(3600), new LineLoads(30, 20, 10));

        assertThat(q.get("energy.import.kwh")).isCloseTo(60, within(1e-9));
    }

    @Test
    void theHouseholdsLoadLineAMostAndCLeastAndAddUpToTheDaysProfile() {
        HouseholdProfile households = new HouseholdProfile(250, java.time.ZoneOffset.UTC);
        Instant evening = Instant.parse("2026-12-02T19:00:00Z");

        LineLoads lines = households.linesAt(evening);

        assertThat(lines.aKw() + lines.bKw() + lines.cKw()).isCloseTo(households.kwAt(evening), within(1e-9));
        assertThat(lines.aKw()).isGreaterThan(lines.bKw());
        assertThat(lines.bKw()).isGreaterThan(lines.cKw());
    }
}
