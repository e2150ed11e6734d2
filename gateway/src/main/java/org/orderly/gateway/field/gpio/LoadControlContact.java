package org.orderly.gateway.field.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.orderly.gateway.core.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid company's load-control contact (负控) on a Pi4J digital input. The control loop asks {@link #evCapKw()}
 * every cycle, which only reads memory: the input's edges arrive on Pi4J's thread. The optional status output is
 * high while the cap is in force, so the load-control terminal can see the gateway obeyed.
 */
public final class LoadControlContact implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadControlContact.class);
    public static final String INPUT_ID = "load-control-contact";
    public static final String STATUS_ID = "load-control-status";

    private final Context pi4j;
    private final LoadControlConfig config;
    private final Ticker ticker;
    private final DigitalInput input;
    private final Optional<DigitalOutput> status;
    private final ReleaseDebounce debounce;
    private final Consumer<Boolean> onCapChange;
    private final ScheduledExecutorService timer;
    private boolean capShown;

    /**
     * @param pi4j        the GPIO context; this contact owns it from now on and shuts it down on {@link #close()}
     * @param onCapChange told true when the cap comes into force and false when it lifts (on Pi4J's or the timer's
     *                    thread; it must not block)
     */
    public LoadControlContact(Context pi4j, LoadControlConfig config, Ticker ticker, Consumer<Boolean> onCapChange) {
        this.pi4j = pi4j;
        this.config = config;
        this.ticker = ticker;
        this.onCapChange = onCapChange;
        this.debounce = new ReleaseDebounce(config.releaseDebounce());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-load-control");
            t.setDaemon(true);
            return t;
        });
        try {
            this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id(INPUT_ID).name("Grid load-control contact")
                    .address(config.pin()).pull(pull(config.pull()))
                    .build());
            this.status = config.hasStatusOutput()
                    ? Optional.of(pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                            .id(STATUS_ID).name("Load-control status")
                            .address(config.statusPin())
                            .initial(DigitalState.LOW).shutdown(DigitalState.LOW)
                            .build()))
                    : Optional.empty();
        } catch (RuntimeException e) {
            timer.shutdownNow();
            pi4j.shutdown();
            throw new IllegalStateException("load-control contact: cannot open input pin " + config.pin()
                    + (config.hasStatusOutput() ? " or status pin " + config.statusPin() : "") + ": " + e.getMessage(), e);
        }
        input.addListener(event -> edge(event.state()));
        edge(input.state()); // a contact already active at start sheds from the first cycle
        LOG.info("load-control contact on pin {} (active {}), EV limit {} kW while active{}", config.pin(),
                config.activeHigh() ? "high" : "low", config.evLimitKw(),
                config.hasStatusOutput() ? ", status on pin " + config.statusPin() : "");
    }

    /** The EV power allowed now, or empty when the contact does not call for shedding. */
    public OptionalDouble evCapKw() {
        return debounce.capActive(ticker.now()) ? OptionalDouble.of(config.evLimitKw()) : OptionalDouble.empty();
    }

    /** The Pi4J input, for commissioning and tests. */
    public DigitalInput input() {
        return input;
    }

    private void edge(DigitalState state) {
        boolean active = state == (config.activeHigh() ? DigitalState.HIGH : DigitalState.LOW);
        debounce.observe(active, ticker.now());
        show();
        if (!active) {
            timer.schedule(this::show, config.releaseDebounceMs() + 1, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void show() {
        try {
            boolean cap = debounce.capActive(ticker.now());
            if (cap == capShown) {
                return;
            }
            capShown = cap;
            status.ifPresent(out -> out.state(cap ? DigitalState.HIGH : DigitalState.LOW));
            LOG.warn("load-control contact: EV cap {} kW {}", config.evLimitKw(), cap ? "in force" : "lifted");
            onCapChange.accept(cap);
        } catch (RuntimeException e) {
            LOG.error("load-control contact: updating the status output failed", e);
        }
    }

    private static PullResistance pull(LoadControlConfig.Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
    }

    /** Stops the timer and shuts the GPIO context down, which sets the status output to its shutdown level (low). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            pi4j.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("load-control contact: shutting down GPIO failed", e);
        }
    }
}
