package org.orderly.bridge.safety;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileFault;
import org.orderly.bridge.pile.RepeatedFailures;
import org.orderly.bridge.pilot.ControlPilot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contactor's feedback (its auxiliary contact, or a mains-sense input) checked against what the relay is told: a
 * difference that lasts longer than the settling time (the contactor's pull-in and drop-out, with margin) trips the
 * pile. Closed while told open: {@link PileFault#contactorWelded()}; open while told closed: {@link
 * PileFault#contactorDidNotClose()}. A feedback that cannot be read trips it too ({@link
 * PileFault#contactorFeedbackUnreadable}): the check cannot run, so it fails safe. Before the pile is armed the
 * contactor must be seen open for the settling time ({@link #settleBeforeArming}): a contactor welded at start is then
 * found before a car's C closes the relay and makes feedback and relay agree. The time passed is {@link
 * ElapsedTime}'s, so a test moves it by hand.
 */
public final class ContactorFeedback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContactorFeedback.class);

    private final DigitalInput input;
    private final DigitalState closedLevel;
    private final ControlPilot pilot;
    private final Pile pile;
    private final long settleNanos;
    private final ElapsedTime time;
    private final RepeatedFailures failures;
    private final String pileId;
    private volatile boolean unreadable;
    private volatile boolean seenOpen;
    private volatile boolean tripped; // a fault of its own tripped the pile
    private long openSince = -1; // since when feedback and relay have both said open, or -1
    private Boolean differingWhileTold; // what the relay was told when the difference began, or null: none
    private long differingSince;

    /** @param closedLevel the level the input reads while the contactor is closed */
    public ContactorFeedback(String pileId, Context pi4j, int pin, DigitalState closedLevel, ControlPilot pilot,
                             Pile pile, Duration settle, ElapsedTime time) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.closedLevel = Objects.requireNonNull(closedLevel, "closedLevel");
        this.pilot = Objects.requireNonNull(pilot, "pilot");
        this.pile = Objects.requireNonNull(pile, "pile");
        this.settleNanos = settle.toNanos();
        this.time = Objects.requireNonNull(time, "time");
        this.failures = new RepeatedFailures(LOG, pileId, "contactor check");
        this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id("contactor-feedback").name("Contactor feedback").address(pin).build());
        LOG.info("pile {}: contactor feedback on pin {}, closed at {}, settling {} ms", pileId, pin, closedLevel,
                settle.toMillis());
    }

    /**
     * Compares the feedback with the relay once; trips the pile when they have differed for the settling time, or when
     * the feedback cannot be read (and throws what reading it threw).
     */
    public synchronized void check() {
        boolean told = pilot.relayClosed();
        boolean closed;
        try {
            closed = input.state() == closedLevel;
            unreadable = false;
        } catch (RuntimeException e) {
            unreadable = true;
            seenOpen = false;
            openSince = -1;
            differingWhileTold = null;
            tripped = true;
            pile.trip(PileFault.contactorFeedbackUnreadable(() -> unreadable || !seenOpen));
            throw e;
        }
        long now = time.nanos();
        if (!told && !closed) {
            if (openSince < 0) {
                openSince = now;
            }
            seenOpen = seenOpen || now - openSince >= settleNanos;
        } else {
            openSince = -1;
            seenOpen = seenOpen && !closed;
        }
        if (told == closed) {
            differingWhileTold = null;
            return;
        }
        if (differingWhileTold == null || differingWhileTold != told) {
            differingWhileTold = told;
            differingSince = now;
        }
        if (now - differingSince >= settleNanos) {
            pile.trip(told ? PileFault.contactorDidNotClose() : PileFault.contactorWelded());
            tripped = true;
            differingWhileTold = null;
        }
    }

    /**
     * Whether the contactor has been seen open, the relay told open, for the settling time, and not seen closed or
     * failed to be read since.
     */
    public boolean seenOpen() {
        return seenOpen;
    }

    /**
     * Checks, {@code pause} between checks, until the contactor has been seen open for the settling time ({@link
     * #seenOpen}), or a fault of its own has tripped the pile (seen closed for that long: welded; cannot be read), or
     * the pile is closed: before the pile is armed, its relay open, so that a contactor already welded when the bridge
     * starts is found before the relay can first close and hide it (feedback and relay then agree).
     */
    public void settleBeforeArming(Runnable pause) {
        long began = time.nanos();
        boolean told = false;
        checkLogged();
        while (!seenOpen && !tripped && !pile.isClosed()) {
            if (!told && time.nanos() - began > 10 * settleNanos) {
                LOG.warn("pile {}: contactor not yet seen open for {} ms; the pile offers nothing until it is", pileId,
                        settleNanos / 1_000_000);
                told = true;
            }
            pause.run();
            checkLogged();
        }
    }

    /**
     * Checks once as the checking thread does: a check that fails is logged as {@link RepeatedFailures} says (once
     * with its stack while the same failure goes on, not every 20 ms) and does not throw.
     */
    public void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            failures.failed(e);
            return;
        }
        failures.succeeded();
    }

    /**
     * Checks now, on the caller's thread, every {@code period} until the contactor has been seen open for the settling
     * time or a fault of its own tripped the pile ({@link #settleBeforeArming}: before the pile is armed), then every
     * {@code period} on {@code executor}, its own.
     */
    public void start(ScheduledExecutorService executor, Duration period) {
        settleBeforeArming(() -> {
            try {
                Thread.sleep(period.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("pile " + pileId + ": interrupted waiting to see the contactor open", e);
            }
        });
        executor.scheduleWithFixedDelay(this::checkLogged, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        // the input is the Pi4J context's, released when it shuts down
    }
}
