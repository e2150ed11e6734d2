package org.orderly.bridge.testing;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProviderImpl;

/**
 * Pi4J's mock PWM provider whose outputs can be broken: once {@link #breakOutputs()}, turning an output on or off
 * throws as a PWM whose sysfs files have gone would, and the output keeps what it last drove, until {@link
 * #mendOutputs()}. The relay's counterpart, and why the two stay apart, is {@link BreakableRelays}.
 */
public final class BreakablePwms extends MockPwmProviderImpl {
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
    public Pwm create(PwmConfig config) {
        Pwm pwm = new BreakablePwm(this, config);
        context.registry().add(pwm);
        return pwm;
    }

    private final class BreakablePwm extends MockPwm {
        BreakablePwm(PwmProvider provider, PwmConfig config) {
            super(provider, config);
        }

        @Override
        public Pwm on(Number dutyCycle, int frequency) throws IOException {
            refuseIfBroken("on at " + dutyCycle + " %");
            return super.on(dutyCycle, frequency);
        }

        @Override
        public Pwm on() throws IOException {
            refuseIfBroken("on");
            return super.on();
        }

        @Override
        public Pwm off() throws IOException {
            refuseIfBroken("off");
            return super.off();
        }

        private void refuseIfBroken(String what) {
            if (broken) {
                throw new IOException("scripted failure: PWM " + address() + " cannot be turned " + what);
            }
        }
    }
}
