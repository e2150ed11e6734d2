package org.orderly.bridge.safety;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.Objects;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A residual current monitor (a 6 mA DC RCM module) whose fault output is a board input: when it reads the trip level
 * the pile trips at once, on the thread that saw the pin change, not at its next tick (the relay opens, the pilot goes
 * to F); when it reads normal again the pile is stepped, so that it may await the unplug that releases the fault. An
 * input already at the trip level when the monitor starts trips the pile then.
 */
public final class ResidualCurrentMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResidualCurrentMonitor.class);

    private final String pileId;
    private final DigitalInput input;
    private final DigitalState tripLevel;
    private final Pile pile;
    private final DigitalStateChangeListener listener = event -> act();

    /** @param tripLevel the level the input reads while the monitor says a residual current */
    public ResidualCurrentMonitor(String pileId, Context pi4j, int pin, DigitalState tripLevel, Pile pile) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.tripLevel = Objects.requireNonNull(tripLevel, "tripLevel");
        this.pile = Objects.requireNonNull(pile, "pile");
        this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id("residual-current-monitor").name("Residual current monitor").address(pin).build());
        input.addListener(listener);
        LOG.info("pile {}: residual current monitor on pin {}, trips at {}", pileId, pin, tripLevel);
        act();
    }

    /** Reads the monitor's output once, as its checking thread does. */
    public void check() {
        act();
    }

    /** Whether the monitor's output says a residual current now. */
    public boolean tripped() {
        return input.state() == tripLevel;
    }

    private void act() {
        if (tripped()) {
            pile.trip(PileFault.residualCurrent(this::tripped));
        } else {
            pile.step();
        }
    }

    @Override
    public void close() {
        input.removeListener(listener);
    }
}
