package org.orderly.bridge.testing;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;

/**
 * Pi4J's mock digital outputs (the contactor's relay) that can be broken: once {@link #breakOutputs()}, setting an
 * output throws as a GPIO line that cannot be written does, and the output keeps what it last drove (a relay left
 * closed), until {@link #mendOutputs()}. Reading it still says what it holds. The PWM's counterpart is {@link
 * BreakablePwms}.
 *
 * <p>The two stay apart: each extends its own Pi4J mock provider and output and fails its own writes (a state; on and
 * off), so all they could share is a flag and its two setters, at the cost of an interface and a holder class more,
 * with the tests reading the same.
 */
public final class BreakableRelays extends MockDigitalOutputProviderImpl {
    private volatile boolean broken;

    /** From now on every output refuses to change. */
    public void breakOutputs() {
        broken = true;
    }

    /** From now on the outputs change again. */
    public void mendOutputs() {
        broken = false;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        DigitalOutput output = new BreakableOutput(this, config);
        context.registry().add(output);
        return output;
    }

    private final class BreakableOutput extends MockDigitalOutput {
        BreakableOutput(DigitalOutputProvider provider, DigitalOutputConfig config) {
            super(provider, config);
        }

        @Override
        public DigitalOutput state(DigitalState next) throws IOException {
            if (broken) {
                throw new IOException("scripted failure: output " + address() + " cannot be set " + next);
            }
            return super.state(next);
        }
    }
}
