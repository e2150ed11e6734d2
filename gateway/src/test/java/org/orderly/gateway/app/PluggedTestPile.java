package org.orderly.gateway.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;

/**
 * A pile with a car plugged in (B) that draws nothing, or none ({@link #plugged} false: A), reporting at once: read at
 * the test's clock and ticker, saying the current it was last offered and how long the car has been plugged in
 * ({@link #pluggedFor}, set by the test).
 */
final class PluggedTestPile implements PileDriver {
    private final String id;
    private final Clock clock;
    private final Ticker ticker;
    /** What its reports say of how long the car has been plugged in. */
    Duration pluggedFor = Duration.ofMinutes(5);
    /** Whether a car is plugged in: without one it reports state A. */
    boolean plugged = true;
    /** The current it was last offered, in amperes. */
    double offered;

    PluggedTestPile(String id, Clock clock, Ticker ticker) {
        this.id = id;
        this.clock = clock;
        this.ticker = ticker;
    }

    @Override
    public String pileId() {
        return id;
    }

    @Override
    public void offer(double amps) {
        offered = amps;
    }

    @Override
    public Optional<PileState> latest() {
        return Optional.of(new PileState(id, plugged ? ChargeState.B : ChargeState.A, offered, 0, 0, Optional.empty(), clock.instant(),
                ticker.now(), plugged ? Optional.of(pluggedFor) : Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false));
    }

    @Override
    public void close() {
    }
}
