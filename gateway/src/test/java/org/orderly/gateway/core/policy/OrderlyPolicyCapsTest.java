package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * Grid caps as the live gateway hands them over: the load-control contact's cap comes back under the same id every
 * time the contact closes (ControlCycle.LOAD_CONTROL_CAP), renewed every cycle while it holds.
 */
class OrderlyPolicyCapsTest {
    private static final String CONTACT = "load-control-contact";
    private static final double BASE_KW = 20;

    private final Compound compound = compound().limitKw(100).pile("P0", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(tuesday("23:02"), BeijingTariff.ZONE);
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), OrderlySettings.defaults(1.8, Duration.ofSeconds(1)))
            .build();
    private Instant arrival = tuesday("23:00");
    private Declaration declared = new Declaration(wednesday("07:00"), 60);
    private double deliveredKWh;
    private double lastDrawKw;

    /** One one-second cycle; the car draws what it was offered. */
    private Allocation cycle(List<GridCap> caps) {
        PluggedSession s = new PluggedSession("car", 0, arrival, declared, deliveredKWh, lastDrawKw);
        Allocation a = policy.decide(new Snapshot(clock.instant(), BASE_KW, List.of(s), caps));
        lastDrawKw = compound.kw(0, a.amps()[0]);
        deliveredKWh += lastDrawKw / 3600;
        clock.advanceSeconds(1);
        return a;
    }

    private static List<GridCap> contactClosed(Instant now) {
        return List.of(new GridCap(CONTACT, now.minusSeconds(1), now.plus(Duration.ofMinutes(15)), BASE_KW));
    }

    private void runUntil(Instant t, boolean contact) {
        while (clock.instant().isBefore(t)) {
            cycle(contact ? contactClosed(clock.instant()) : List.of());
        }
    }

    @Test
    void theContactClosingASecondTimeIsPlannedForAtOnceAsTheFirstTimeWas() {
        runUntil(tuesday("23:05"), false);
        assertThat(lastDrawKw).as("charging in the valley").isPositive();

        int before = policy.plansMade();
        cycle(contactClosed(clock.instant()));
        assertThat(policy.plansMade()).as("plans made as the contact first closes").isEqualTo(before + 1);
        runUntil(tuesday("23:10"), true);
        runUntil(tuesday("23:35"), false); // released; plans made since without the cap

        before = policy.plansMade();
        cycle(contactClosed(clock.instant()));
        assertThat(policy.plansMade()).as("plans made as the contact closes again").isEqualTo(before + 1);
    }

    /**
     * A cap's end is planned for at once, though the list handed over still holds the cap (the live CapBook drops it
     * only when a command arrives): the plan made under it held the whole slot its {@code to} falls in, and until
     * 2026-12-03 that plan was kept to the quarter hour. Here the car came as the cap did, at the valley's last slot:
     * from the cap's end at 06:51 it was offered nothing until 07:00, and then charged at the flat price.
     */
    @Test
    void aCapsEndIsPlannedForAtOnceAndTheRestOfItsSlotIsUsed() {
        clock.set(wednesday("06:46"));
        arrival = wednesday("06:46");
        declared = new Declaration(wednesday("08:00"), 1.5);
        List<GridCap> caps = List.of(new GridCap("grid-1", wednesday("06:46"), wednesday("06:51"), BASE_KW));
        while (clock.instant().isBefore(wednesday("06:51"))) {
            cycle(caps);
        }
        assertThat(lastDrawKw).as("held by the cap").isZero();

        int before = policy.plansMade();
        Allocation atEnd = cycle(caps);
        assertThat(atEnd.amps()[0]).as("amperes offered at the cap's end, 06:51, in the valley").isPositive();
        assertThat(policy.plansMade()).as("plans made at the cap's end").isEqualTo(before + 1);
        while (clock.instant().isBefore(wednesday("07:00"))) {
            cycle(caps);
        }
        assertThat(deliveredKWh).as("kWh delivered before the valley ends at 07:00").isGreaterThan(1.0);
    }
}
