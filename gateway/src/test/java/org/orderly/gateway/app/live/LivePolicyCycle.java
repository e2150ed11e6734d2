package org.orderly.gateway.app.live;

import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Instant;
import java.time.ZoneId;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.VirtualClock;

/** A control cycle with the live policy on Beijing's tariff, on a test clock and ticker, for the tests of the cycle. */
final class LivePolicyCycle {
    private LivePolicyCycle() {
    }

    /** 23:00 in Beijing, in the valley: the policy charges at once. */
    static VirtualClock inTheValley() {
        return new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZoneId.of("Asia/Shanghai"));
    }

    /** The cycle, its readings stale after 5 s, a safe EV power of 8 kW, on {@code ticker}. */
    static ControlCycle of(Compound compound, VirtualClock clock, Ticker ticker) {
        return of(compound, clock, ticker, ClockFloor.NONE);
    }

    /** As {@link #of(Compound, VirtualClock, Ticker)}, the clock not set before {@code floor}. */
    static ControlCycle of(Compound compound, VirtualClock clock, Ticker ticker, ClockFloor floor) {
        return CycleBuilder.cycle(compound, policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 8.0)
                .clockFloor(floor).ticker(ticker).build();
    }
}
