package org.orderly.bridge.testing;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pi4J's digital inputs on a PC, each driven by hand ({@link Input#mockState}, which tells the listeners as a pin's
 * change does) and each able to fail: a {@link Input#breakPin() broken} input throws Pi4J's {@code IOException} from
 * {@code state()}, as a GPIO line that cannot be read does, and says once in the log when it has failed {@link
 * #FAILURES_TO_TELL} reads, for a test to wait on. Pi4J's own mock inputs cannot fail.
 */
public class ScriptedInputs extends MockDigitalInputProviderImpl {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptedInputs.class);
    /** After this many failed reads an input says so once in the log ({@code board: input 23 has failed 50 reads}). */
    public static final int FAILURES_TO_TELL = 50;

    private final Map<Integer, Input> byPin = new ConcurrentHashMap<>();

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        Input input = new Input(this, config);
        context.registry().add(input);
        byPin.put(config.address().intValue(), input);
        return input;
    }

    /** The input made on {@code pin}, if one was. */
    public Optional<Input> pin(int pin) {
        return Optional.ofNullable(byPin.get(pin));
    }

    /** A mock input that can be broken and mended. */
    public static final class Input extends MockDigitalInput {
        private final AtomicLong failures = new AtomicLong();
        private volatile boolean broken;

        Input(DigitalInputProvider provider, DigitalInputConfig config) {
            super(provider, config);
        }

        @Override
        public DigitalState state() {
            if (broken) {
                if (failures.incrementAndGet() == FAILURES_TO_TELL) {
                    LOG.info("board: input {} has failed {} reads", address(), FAILURES_TO_TELL);
                }
                throw new com.pi4j.io.exception.IOException("scripted failure reading input " + id() + " on pin "
                        + address());
            }
            return super.state();
        }

        public void breakPin() {
            broken = true;
        }

        public void mend() {
            broken = false;
        }
    }
}
