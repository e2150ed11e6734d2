package org.orderly.gateway.app.live;

import java.time.Clock;
import java.time.Duration;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * A control cycle as a test builds it, through the one constructor the gateway uses. What a test leaves unsaid is the
 * gateway's plain case: readings stale after 5 s, sessions numbered in memory, the clock taken as set, the JVM's
 * ticker, the default offline time and a world in real time.
 */
public final class CycleBuilder {
    private final Compound compound;
    private final ChargingPolicy policy;
    private final Clock clock;
    private final double safeEvKw;
    private Duration staleAfter = Duration.ofSeconds(5);
    private SessionNumbers sessionNumbers = SessionNumbers.inMemory();
    private ClockFloor clockFloor = ClockFloor.NONE;
    private Ticker ticker = Ticker.SYSTEM;
    private Duration offlineAfter = ControlCycle.DEFAULT_PILE_OFFLINE_AFTER;
    private TimeScale world = TimeScale.REAL;
    private CountSteps countSteps = CountSteps.NONE;

    private CycleBuilder(Compound compound, ChargingPolicy policy, Clock clock, double safeEvKw) {
        this.compound = compound;
        this.policy = policy;
        this.clock = clock;
        this.safeEvKw = safeEvKw;
    }

    /** A cycle of {@code policy} over {@code compound} on {@code clock}, with {@code safeEvKw} for conservative mode. */
    public static CycleBuilder cycle(Compound compound, ChargingPolicy policy, Clock clock, double safeEvKw) {
        return new CycleBuilder(compound, policy, clock, safeEvKw);
    }

    public CycleBuilder staleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
        return this;
    }

    public CycleBuilder sessionNumbers(SessionNumbers sessionNumbers) {
        this.sessionNumbers = sessionNumbers;
        return this;
    }

    public CycleBuilder clockFloor(ClockFloor clockFloor) {
        this.clockFloor = clockFloor;
        return this;
    }

    public CycleBuilder ticker(Ticker ticker) {
        this.ticker = ticker;
        return this;
    }

    public CycleBuilder offlineAfter(Duration offlineAfter) {
        this.offlineAfter = offlineAfter;
        return this;
    }

    public CycleBuilder world(TimeScale world) {
        this.world = world;
        return this;
    }

    public CycleBuilder countSteps(CountSteps countSteps) {
        this.countSteps = countSteps;
        return this;
    }

    public ControlCycle build() {
        return new ControlCycle(compound, policy, clock, staleAfter, safeEvKw, sessionNumbers, clockFloor, ticker,
                offlineAfter, world, countSteps);
    }
}
