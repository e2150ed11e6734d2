package org.orderly.bridge.pilot;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control pilot on the target: a Pi4J PWM output feeding the +/-12 V pilot driver and a
 * digital output for the contactor relay. The {@link Context} is injected: on the board it comes
 * from {@code Pi4J.newAutoContext()}, in tests from Pi4J's mock platform. The PWM output low
 * maps to -12 V (0 %, state F) and high to +12 V (100 %, standby), as the usual pilot circuit
 * does. Pins are set safe (relay open, standby) on creation and on close.
 */
public final class Pi4jControlPilot implements ControlPilot {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jControlPilot.class);

    private final Pi4jPilotPins pins;
    private final Pwm pwm;
    private final DigitalOutput relay;
    private PilotSignal signal = new PilotSignal.Standby();
    private boolean closed;

    public Pi4jControlPilot(Context pi4j, Pi4jPilotPins pins) {
        this.pins = pins;
        this.pwm = pi4j.create(Pwm.newConfigBuilder(pi4j)
                .id("control-pilot").name("Control pilot")
                .address(pins.pwmAddress()).pwmType(PwmType.HARDWARE)
                .frequency(pins.frequencyHz()).initial(100).shutdown(100)
                .build());
        this.relay = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id("contactor-relay").name("Contactor relay")
                .address(pins.relayAddress())
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW)
                .build());
        relay(false);
        signal(new PilotSignal.Standby());
    }

    @Override
    public synchronized void signal(PilotSignal next) {
        try {
            if (next instanceof PilotSignal.Fault) {
                pwm.off(); // steady low: -12 V on the pilot
            } else {
                pwm.on(next.dutyPercent(), pins.frequencyHz());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot drive control pilot PWM " + pins.pwmAddress()
                    + " to " + next, e);
        }
        if (!next.equals(signal)) {
            LOG.info("control pilot {} -> {}", signal, next);
        }
        signal = next;
    }

    @Override
    public synchronized void relay(boolean closed) {
        try {
            relay.state(closed ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot " + (closed ? "close" : "open") + " relay on pin "
                    + pins.relayAddress(), e);
        }
    }

    @Override
    public synchronized PilotSignal currentSignal() {
        return signal;
    }

    @Override
    public synchronized boolean relayClosed() {
        return relay.isHigh();
    }

    /** The duty cycle the PWM output reports, for diagnostics and tests. */
    public synchronized double outputDutyPercent() {
        return pwm.isOn() ? pwm.getDutyCycle() : 0.0;
    }

    /**
     * Opens the relay, then drives standby, each tried whatever the other did; once: closing again does nothing (the
     * pile's stop closes it, then the bridge's; Pi4J's shutdown then sets the pins' shutdown states once more).
     *
     * @throws IllegalStateException saying each output that refused, the relay's first
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        IllegalStateException refused = null;
        try {
            relay(false);
        } catch (IllegalStateException e) {
            refused = e;
        }
        try {
            signal(new PilotSignal.Standby());
        } catch (IllegalStateException e) {
            if (refused == null) {
                refused = e;
            } else {
                refused.addSuppressed(e);
            }
        }
        if (refused != null) {
            throw refused;
        }
    }
}
