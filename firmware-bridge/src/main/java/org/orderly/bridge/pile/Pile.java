package org.orderly.bridge.pile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.lease.Lease;
import org.orderly.bridge.lease.LeaseWatchdog;
import org.orderly.bridge.lease.Setpoint;
import org.orderly.bridge.pilot.ControlPilot;
import org.orderly.bridge.pilot.PilotMapping;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.vehicle.MeteredSession;
import org.orderly.bridge.vehicle.PlugInWatch;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;
import org.orderly.bridge.vehicle.VehicleState;
import org.orderly.text.Amps;
import org.orderly.text.AsWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pile: the watchdog's setpoint drives the control pilot; the vehicle answers; the relay is
 * closed only while a current is offered and the vehicle is in state C, or, paused, while the car charging in C has its
 * {@link #CAR_STOPS_WITHIN} to stop. Every step (and every
 * setpoint change) re-drives the outputs and publishes the status to listeners if it changed.
 * The session's energy is the vehicle's power integrated between steps, or, for a metered vehicle
 * ({@link org.orderly.bridge.vehicle.VehicleReading#metered()}), what its meter counted.
 */
public final class Pile implements AutoCloseable {

    /**
     * How long a car charging in C has to stop once the pilot stops offering (a pause: steady +12 V) before the relay
     * opens under its load; a car that leaves C sooner has the relay opened then. Not checked against IEC 61851-1's
     * text, which could not be read: EVerest's EvseManager ({@code T_STEP_X1}, "3 seconds according to IEC61851-1") and
     * OpenEVSE (its relay opens at state B or after 3 s) wait as long (docs/firmware-bridge.md, Control pilot).
     */
    public static final Duration CAR_STOPS_WITHIN = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(Pile.class);

    private final PileConfig config;
    private final ControlPilot pilot;
    private final Vehicle vehicle;
    private final Clock vehicleClock;
    private final LeaseWatchdog watchdog;
    private final ElapsedTime elapsed;
    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    private Setpoint setpoint;
    private VehicleReading reading = VehicleReading.ABSENT;
    private double sessionEnergyKwh;
    /** The present plug-in: kept through E or F shorter than {@link PlugInWatch#KEPT_THROUGH_FAULT}, ended by A. */
    private Optional<PlugIn> pluggedIn = Optional.empty();
    private final PlugInWatch plugInWatch = new PlugInWatch();
    /** The plug-in of the session {@link #sessionEnergyKwh} counts: unlike {@link #pluggedIn}, kept after the unplug. */
    private Optional<PlugIn> sessionPlugIn = Optional.empty();
    /**
     * Whether the car found plugged in at the start, if any, is gone: a step has read no vehicle (A) since the start,
     * or a plug-in has ended. A plug-in after that is a car plugged in while this bridge ran, and one before is the car
     * it found plugged in at its start
     * ({@link PlugIn#atStart}). E or F before the first plug-in does not count: neither says the car left (a pilot
     * unreadable for a moment at boot, a fault), and only A does.
     */
    private boolean carFoundAtStartGone;
    /**
     * Whether a step has taken the vehicle's state as read from the car ({@link Vehicle#stateRead}): until then the
     * status says an A the bridge began with, not one it read ({@link #awaitVehicleRead}).
     */
    private boolean vehicleRead;
    /** The last session that ended (its vehicle unplugged) since the start: kept after the next plug-in. */
    private Optional<EndedSession> lastSession = Optional.empty();
    private Instant lastStep;
    private PileStatus status;
    private ScheduledFuture<?> stepping;
    /** Runs the pile's steps once started: also the step at the end of a pausing car's time to stop. */
    private ScheduledExecutorService executor;
    /** When the pilot stopped offering while the closed relay carried a car in C, on the elapsed time. */
    private OptionalLong stopAskedAtNanos = OptionalLong.empty();
    private boolean closed;
    /** Faults latched, first tripped first; while any holds the relay stays open and the status says F. */
    private final List<PileFault> faults = new ArrayList<>();
    private final RepeatedFailures stepFailures;
    private final OverCurrentWatch overCurrent = new OverCurrentWatch();
    /** Whether its protections are armed: until then the relay stays open and nothing is offered. */
    private boolean armed;

    /**
     * A pile in real time: its leases lapse by {@link ElapsedTime#SYSTEM}, its vehicle and session energy run on it too
     * ({@link ElapsedClock}: a step of {@code clock} is no time the car charged in), and {@code clock} says the leases'
     * expiry.
     */
    public Pile(PileConfig config, ControlPilot pilot, Vehicle vehicle, Clock clock) {
        this(config, pilot, vehicle, clock, ElapsedTime.SYSTEM, ElapsedClock.from(clock, ElapsedTime.SYSTEM));
    }

    /**
     * A pile whose vehicle and session energy run on {@code vehicleClock} while its lease runs on {@code leaseClock}
     * (the expiry it reports) and lapses by {@code leaseElapsed}: a sped-up demo's cars fill faster, but a lease
     * still lapses after its real time to live.
     */
    public Pile(PileConfig config, ControlPilot pilot, Vehicle vehicle, Clock leaseClock, ElapsedTime leaseElapsed,
                Clock vehicleClock) {
        this(config, pilot, vehicle, leaseClock, leaseElapsed, vehicleClock, true);
    }

    private Pile(PileConfig config, ControlPilot pilot, Vehicle vehicle, Clock leaseClock, ElapsedTime leaseElapsed,
                 Clock vehicleClock, boolean armed) {
        this.armed = armed;
        this.config = Objects.requireNonNull(config, "config");
        this.pilot = Objects.requireNonNull(pilot, "pilot");
        this.vehicle = Objects.requireNonNull(vehicle, "vehicle");
        this.vehicleClock = Objects.requireNonNull(vehicleClock, "vehicleClock");
        this.elapsed = Objects.requireNonNull(leaseElapsed, "leaseElapsed");
        this.watchdog = new LeaseWatchdog(config.pileId(), config.safeAmps(),
                Objects.requireNonNull(leaseClock, "leaseClock"), leaseElapsed, this::apply);
        this.setpoint = watchdog.setpoint();
        this.stepFailures = new RepeatedFailures(LOG, config.pileId(), "step");
        step();
    }

    /**
     * A pile in real time that offers nothing and keeps its relay open, its status saying what the vehicle does, until
     * {@link #arm()}: its protections (a residual current monitor, the contactor's feedback) are made on it, read, and
     * may trip it before the outputs can first carry current.
     */
    public static Pile awaitingProtections(PileConfig config, ControlPilot pilot, Vehicle vehicle, Clock clock) {
        return new Pile(config, pilot, vehicle, clock, ElapsedTime.SYSTEM, ElapsedClock.from(clock, ElapsedTime.SYSTEM),
                false);
    }

    /** Its protections are armed: from this step on it offers current and closes the relay as it may. */
    public void arm() {
        synchronized (this) {
            armed = true;
        }
        step();
    }

    /** Whether it has been closed (stopped): it drives nothing any more. */
    public synchronized boolean isClosed() {
        return closed;
    }

    public PileConfig config() {
        return config;
    }

    /**
     * Grants a lease; the caller has validated {@code amps} with {@link PileConfig#accepts}.
     *
     * @throws PileStoppingException when the pile was closed before the grant or while it was applied: it drives
     *                               nothing
     */
    public Lease grant(double amps, Duration ttl) {
        if (!config.accepts(amps)) {
            throw new IllegalArgumentException("pile " + config.pileId() + ": " + AsWritten.number(amps)
                    + " A is neither 0 nor within [" + AsWritten.number(config.minAmps()) + ", "
                    + AsWritten.number(config.maxAmps()) + "] A");
        }
        refuseIfClosed();
        Lease lease = watchdog.grant(amps, ttl);
        refuseIfClosed(); // a close during the grant: its step found the pile closed
        return lease;
    }

    private synchronized void refuseIfClosed() {
        if (closed) {
            throw new PileStoppingException(config.pileId());
        }
    }

    public synchronized PileStatus status() {
        return status;
    }

    /**
     * Waits until a step has taken the vehicle's state as read from the car, so that the status says a state read (a
     * vehicle sensed on the pilot is A until its first state is taken, which says nothing of a car plugged in), or until
     * the pile is closed, or {@code atMost} has passed; whether it was read.
     */
    public synchronized boolean awaitVehicleRead(Duration atMost) throws InterruptedException {
        long end = elapsed.nanos() + atMost.toNanos();
        for (long left = atMost.toNanos(); !vehicleRead && !closed && left > 0; left = end - elapsed.nanos()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return vehicleRead;
    }

    /**
     * How long before now the vehicle of {@code status} was plugged in, on this pile's elapsed time (the leases' real
     * time, not a sped-up vehicle clock); empty if none is.
     */
    public Optional<Duration> pluggedFor(PileStatus status) {
        return status.pluggedIn().map(p -> p.before(elapsed.nanos()));
    }

    /**
     * How long before now the session that {@code status} counts the energy of began, on this pile's elapsed time; kept
     * after its vehicle is unplugged, until the next plug-in; empty before the first plug-in.
     */
    public Optional<Duration> sessionPluggedFor(PileStatus status) {
        return status.sessionPlugIn().map(p -> p.before(elapsed.nanos()));
    }

    /**
     * The last session that ended on the pile as of {@code status}, with how long before now it was plugged in and
     * unplugged, on this pile's elapsed time; empty before the first unplug since the start.
     */
    public Optional<EndedSession.Ago> lastSessionAgo(PileStatus status) {
        return status.lastSession().map(s -> s.ago(elapsed.nanos()));
    }

    public void onStatus(Consumer<PileStatus> listener) {
        listeners.add(listener);
    }

    /** Runs the watchdog every {@code tick} and steps the pile every {@code tick}. */
    public synchronized void start(ScheduledExecutorService executor, Duration tick) {
        this.executor = executor;
        watchdog.start(executor, tick);
        long millis = tick.toMillis();
        stepping = executor.scheduleAtFixedRate(this::safeStep, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void apply(Setpoint next) {
        synchronized (this) {
            setpoint = next;
        }
        step();
    }

    private void safeStep() {
        try {
            step();
        } catch (RuntimeException e) {
            stepFailures.failed(e);
            return;
        }
        stepFailures.succeeded();
    }

    /**
     * Latches {@code fault} and acts on it at once, on the caller's thread (a pin's listener, a check): the relay
     * opens, the pilot goes to F, the status says F with the fault. The fault holds until {@link #step} finds it
     * released ({@link PileFault}); the same reason again while it holds does nothing. Once closed, nothing. It never
     * throws: a pilot that cannot be driven to F is said in the status and the log, and each step drives it again.
     */
    public void trip(PileFault fault) {
        String until;
        synchronized (this) {
            if (closed || faults.stream().anyMatch(held -> held.reason().equals(fault.reason()))) {
                return;
            }
            faults.add(fault);
            until = heldUntil(fault);
        }
        try {
            step();
        } catch (RuntimeException e) {
            // The step published F with the fault (and what the outputs refused) before it threw: what failed (the
            // relay, the pilot) is the ticks' to drive again, not the protection's that tripped, which must go on
            // watching.
            LOG.error("pile {}: {}: {}; held until {}", config.pileId(), fault.reason(), refused(e), until);
            stepFailures.failed(e);
            return;
        }
        LOG.error("pile {}: {}: relay opened, pilot F (EVSE not available) until {}", config.pileId(), fault.reason(),
                until);
    }

    /** Advances the vehicle to now, re-drives the outputs, publishes the status if it changed; once closed, nothing. */
    public void step() {
        PileStatus published = null;
        RuntimeException notDriven = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            Instant now = vehicleClock.instant();
            if (lastStep != null && now.isAfter(lastStep)) {
                sessionEnergyKwh += reading.powerKw() * Duration.between(lastStep, now).toNanos() / 3.6e12;
            }
            lastStep = now;
            PilotSignal signal = PilotMapping.signalFor(setpoint.amps());
            if (!armed) {
                signal = new PilotSignal.Standby(); // nothing offered before the protections can act
            }
            double offered = faults.isEmpty() ? signal.amps() : 0.0; // nothing flows while a fault holds
            // Asked before the state: a sensed vehicle's is read by then (it says so after taking it)
            boolean stateRead = vehicle.stateRead();
            VehicleReading next = vehicle.step(now, offered, config.phases(), config.voltsPerPhase());
            // Only A ends a plug-in, and E or F that lasts (PlugInWatch): the car back in B or C after a glitch to E
            // is the same car, its plug-in, energy and session the same.
            PlugInWatch.Change change = plugInWatch.see(next.state(), now);
            boolean unplugged = change == PlugInWatch.Change.ENDED;
            if (change == PlugInWatch.Change.BEGAN) {
                sessionEnergyKwh = 0.0;
                pluggedIn = Optional.of(new PlugIn(elapsed.nanos(), !carFoundAtStartGone));
                sessionPlugIn = pluggedIn;
            } else if (unplugged) {
                pluggedIn = Optional.empty();
            }
            // A read says no car; a plug-in ended makes the next one a car plugged in since. E or F read before the first
            // plug-in leaves the car found at the start its own: it says nothing of a car there.
            if ((stateRead && next.state() == VehicleState.A) || unplugged) {
                carFoundAtStartGone = true;
            }
            if (stateRead && !vehicleRead) {
                vehicleRead = true;
                notifyAll(); // awaitVehicleRead
            }
            if (next.metered().isPresent()) { // a pile meter counts the session, not the power integrated here
                sessionEnergyKwh = next.metered().get().sessionEnergyKwh();
            }
            if (unplugged && sessionPlugIn.isPresent()) {
                lastSession = Optional.of(new EndedSession(sessionPlugIn.get(), elapsed.nanos(), round(sessionEnergyKwh)));
            }
            reading = next;
            release(next.state());
            if (overCurrentTrips(next)) {
                // the relay opens in this step: nothing flows from this instant on
                next = vehicle.step(now, 0.0, config.phases(), config.voltsPerPhase());
                reading = next;
            }
            Optional<String> fault = Optional.empty();
            VehicleState state = next.state();
            // Said in B and C only: in E or F the plug-in goes on unsaid, as the car may be gone (docs: pluggedSeconds)
            Optional<PlugIn> reportedPlugIn = next.state().plugged() ? pluggedIn : Optional.empty();
            if (faults.isEmpty()) {
                try {
                    drive(signal, next.state());
                } catch (RuntimeException e) {
                    // Not latched: each step drives the outputs again. Until one does, the car is told nothing sure
                    // (or, the relay refusing, F to stop on), so the status says F and why, for the gateway's alarm;
                    // the step still fails.
                    notDriven = e;
                    // The car was stepped under the offer, but it is offered nothing now: nothing flows, at this
                    // instant on
                    next = vehicle.step(now, 0.0, config.phases(), config.voltsPerPhase());
                    reading = next;
                    Optional<String> relayRefused = RelayRefusedException.in(e).map(RelayRefusedException::reason);
                    List<String> reasons = new ArrayList<>(relayRefused.stream().toList());
                    signal = new PilotSignal.Fault(relayRefused.orElse(PileFault.CONTROL_PILOT_NOT_DRIVEN));
                    boolean pilotRefused = RelayRefusedException.besides(e);
                    if (!pilotRefused) {
                        // only the relay refused: before the pilot was driven, or after it offered a car in C a current
                        // the relay does not carry; F, for the car to stop
                        pilotRefused = !driveOrKeep(signal, e);
                    }
                    if (pilotRefused) {
                        reasons.add(PileFault.CONTROL_PILOT_NOT_DRIVEN);
                    }
                    fault = Optional.of(String.join("; ", reasons));
                    state = VehicleState.F;
                    reportedPlugIn = Optional.empty();
                }
            } else {
                signal = heldSignal();
                List<String> reasons = new ArrayList<>(faults.stream().map(PileFault::reason).toList());
                state = VehicleState.F;
                // F says no plug-in (docs: pluggedSeconds absent in A, E and F); the moment is kept while the car stays
                reportedPlugIn = Optional.empty();
                try {
                    openRelay();
                } catch (RelayRefusedException e) {
                    // Left closed, the worst case: the contactor may carry current whatever the fault. The pilot goes
                    // to F even when only the unplug is awaited, for the car to stop on. Left open, nothing flows and
                    // the pilot shows what the fault asks. The status says so; the step fails.
                    notDriven = e;
                    reasons.add(e.reason());
                    if (e.leftClosed()) {
                        signal = new PilotSignal.Fault(faults.get(0).reason());
                    }
                }
                // Latched all the same; a pilot that refuses leaves the car seeing the last offer, so the status says
                // so too, for the gateway's alarm; the step still fails.
                if (notDriven == null) {
                    try {
                        pilot.signal(signal);
                    } catch (RuntimeException e) {
                        notDriven = e;
                        reasons.add(PileFault.CONTROL_PILOT_NOT_DRIVEN);
                    }
                } else if (!driveOrKeep(signal, notDriven)) {
                    reasons.add(PileFault.CONTROL_PILOT_NOT_DRIVEN);
                }
                fault = Optional.of(String.join("; ", reasons));
            }
            PileStatus fresh = new PileStatus(state, signal.amps(), round(next.powerKw()),
                    round(sessionEnergyKwh), setpoint.leaseExpiry(), next.metered().map(MeteredSession::meterOk),
                    reportedPlugIn, fault, sessionPlugIn, lastSession);
            if (!fresh.equals(status)) {
                status = fresh;
                published = fresh;
            }
        }
        if (published != null) {
            for (Consumer<PileStatus> listener : listeners) {
                listener.accept(published);
            }
        }
        if (notDriven != null) {
            throw notDriven;
        }
    }

    private String heldUntil(PileFault fault) {
        return fault.untilRestart() ? "the bridge is restarted (a person must look at it)"
                : vehicle.seesUnplug() ? "it is normal again and the car has been unplugged"
                : "the bridge is restarted (no unplug can be seen without --sense-pilot)";
    }

    /**
     * Latches {@link PileFault#vehicleOverCurrent()}, for this step to act on, once the car has drawn more than the
     * pilot offers it for longer than it is given to follow ({@link OverCurrentWatch}); without this the gateway's
     * PILE_NOT_FOLLOWING alarm (after 10 s) was all.
     */
    private boolean overCurrentTrips(VehicleReading next) {
        if (!faults.isEmpty()) {
            return false;
        }
        // the most loaded phase, as a pile meter reads it; else the power spread evenly over the phases, which
        // under-estimates one phase drawing more than the others
        OptionalDouble metered = next.metered().map(MeteredSession::highestPhaseAmps).orElse(OptionalDouble.empty());
        double drawn = metered.isPresent() ? metered.getAsDouble()
                : OverCurrentWatch.ampsPerPhase(next.powerKw(), config.phases(), config.voltsPerPhase());
        double offered = pilot.currentSignal().amps();
        boolean wasExceeding = overCurrent.exceeding();
        boolean trip = overCurrent.exceededTooLong(drawn, offered, pilot.relayClosed(), elapsed.nanos());
        if (overCurrent.exceeding() && !wasExceeding) {
            // DEBUG: a car over its offer for the few seconds it has to follow a lowered one is normal at every
            // lowering; what is not, the trip, is an ERROR.
            LOG.debug("pile {}: the car draws {} a phase, more than the {} offered allows ({}); the relay opens "
                    + "if it still does in {} s", config.pileId(), Amps.of(drawn), Amps.of(offered),
                    Amps.of(OverCurrentWatch.limitFor(offered)), OverCurrentWatch.GRACE.toSeconds());
        }
        if (trip) {
            PileFault fault = PileFault.vehicleOverCurrent();
            faults.add(fault);
            LOG.error("pile {}: {}: the car drew {} a phase for {} s under an offer of {}; opening the relay, "
                    + "pilot F (EVSE not available) until {}", config.pileId(), fault.reason(), Amps.of(drawn),
                    OverCurrentWatch.GRACE.toSeconds(), Amps.of(offered), heldUntil(fault));
        }
        return trip;
    }

    /** Releases each fault whose cause is gone once the car is seen unplugged (state A on the pilot). */
    private void release(VehicleState state) {
        if (faults.isEmpty() || state != VehicleState.A || !vehicle.seesUnplug()) {
            return;
        }
        faults.removeIf(fault -> {
            boolean released = !fault.untilRestart() && !fault.cause().getAsBoolean();
            if (released) {
                LOG.info("pile {}: {}: released (normal again, the car unplugged)", config.pileId(), fault.reason());
            }
            return released;
        });
    }

    /**
     * What the pilot shows while faults hold (the relay open): F while a fault's cause lasts, or for good when no
     * unplug can release it; once only the unplug is awaited, steady +12 V with nothing offered: at -12 V the car's
     * diode blocks, and an unplug cannot be seen on the pilot.
     */
    private PilotSignal heldSignal() {
        boolean awaitingUnplug = vehicle.seesUnplug() && faults.stream()
                .noneMatch(fault -> fault.untilRestart() || fault.cause().getAsBoolean());
        return awaitingUnplug ? new PilotSignal.Standby() : new PilotSignal.Fault(faults.get(0).reason());
    }

    private void drive(PilotSignal signal, VehicleState state) {
        boolean relay = signal instanceof PilotSignal.Offer && state == VehicleState.C;
        boolean carStopping = signal instanceof PilotSignal.Standby && state == VehicleState.C && pilot.relayClosed()
                && carStillHasTimeToStop();
        if (!carStopping) {
            stopAskedAtNanos = OptionalLong.empty();
        }
        if (!relay && !carStopping) {
            openRelay(); // open before the pilot changes: nothing offered, nothing carried, but to a pausing car
        }
        try {
            pilot.signal(signal);
        } catch (RuntimeException e) {
            // the pilot may still offer what it offered before, more than is allowed now: no current may flow under it
            openRelayAfter(e);
            throw e;
        }
        if (relay) {
            closeRelay();
        }
    }

    /**
     * Whether a car asked to pause while it charges is still within {@link #CAR_STOPS_WITHIN} of being asked: opening
     * the relay under its load at once wears the contactor at every pause, and some cars take a supply cut while in C
     * for a fault of the pile. Once started, a step runs when that time is up.
     */
    private boolean carStillHasTimeToStop() {
        long now = elapsed.nanos();
        if (stopAskedAtNanos.isEmpty()) {
            stopAskedAtNanos = OptionalLong.of(now);
            LOG.info("pile {}: pilot stopped offering while the car charges; the relay opens when it leaves C, at "
                    + "most {} s from now", config.pileId(), CAR_STOPS_WITHIN.toSeconds());
            stepWhenTheCarsTimeIsUp();
            return true;
        }
        return now - stopAskedAtNanos.getAsLong() < CAR_STOPS_WITHIN.toNanos();
    }

    private void stepWhenTheCarsTimeIsUp() {
        if (executor == null) {
            return; // not started: whoever steps it by hand steps it then
        }
        try {
            executor.schedule(this::safeStep, CAR_STOPS_WITHIN.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the executor is being shut down after a stop, whose close opens the relay
            LOG.debug("pile {}: no step at the end of the car's time to stop: {}", config.pileId(), e.toString());
        }
    }

    private void openRelayAfter(RuntimeException pilotFailure) {
        try {
            openRelay();
        } catch (RelayRefusedException relayFailure) {
            pilotFailure.addSuppressed(relayFailure);
        }
    }

    /** Opens the relay; a relay output that refuses is {@link RelayRefusedException}, for the status to say. */
    private void openRelay() {
        try {
            pilot.relay(false);
        } catch (RuntimeException e) {
            throw new RelayRefusedException(config.pileId(), pilot.relayClosed(), e);
        }
    }

    /**
     * Closes the relay, the pilot already offering to a car in C; a relay output that refuses is {@link
     * RelayRefusedException}: open, the pile cannot charge; closed (by an earlier step, its output refusing since), it
     * cannot be opened either.
     */
    private void closeRelay() {
        try {
            pilot.relay(true);
        } catch (RuntimeException e) {
            throw new RelayRefusedException(config.pileId(), pilot.relayClosed(), e);
        }
    }

    /**
     * Drives the pilot to {@code signal} after the relay refused ({@code failure}); false, its failure suppressed in
     * {@code failure}, when the pilot refuses too.
     */
    private boolean driveOrKeep(PilotSignal signal, RuntimeException failure) {
        try {
            pilot.signal(signal);
            return true;
        } catch (RuntimeException pilotFailure) {
            failure.addSuppressed(pilotFailure);
            return false;
        }
    }

    /** What a trip's step found its outputs refuse, for its log line. */
    private static String refused(RuntimeException failure) {
        Optional<RelayRefusedException> relay = RelayRefusedException.in(failure);
        boolean pilotToo = RelayRefusedException.besides(failure);
        if (relay.isEmpty()) {
            return "relay opened, but the pilot cannot be driven to F (EVSE not available)";
        }
        if (!relay.get().leftClosed()) {
            return pilotToo ? "relay open, but its output cannot be written, and the pilot cannot be driven"
                    : "relay open, but its output cannot be written";
        }
        return pilotToo ? "the relay cannot be opened, and the pilot cannot be driven to F (EVSE not available)"
                : "the relay cannot be opened; pilot F (EVSE not available), for the car to stop on";
    }

    public Optional<Instant> leaseExpiry() {
        return watchdog.setpoint().leaseExpiry();
    }

    /** What refused and why, for one log line: the failure, its cause, and each suppressed one likewise. */
    private static String oneLine(Throwable failure) {
        StringBuilder line = new StringBuilder(String.valueOf(failure.getMessage()));
        if (failure.getCause() != null) {
            line.append(" (").append(failure.getCause().getMessage()).append(')');
        }
        for (Throwable also : failure.getSuppressed()) {
            line.append("; ").append(oneLine(also));
        }
        return line.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /**
     * Stops stepping and leaves the outputs safe (relay open, pilot in standby) for good: a tick or a lease that was
     * still running on another thread when the stop came finds the pile closed and drives nothing. An output that
     * refuses is one ERROR line, not thrown: the stop goes on (the CoAP server, the GPIO's release). Closing again does
     * nothing.
     */
    @Override
    public void close() {
        watchdog.close();
        synchronized (this) {
            if (stepping != null) {
                stepping.cancel(false);
            }
            if (closed) {
                return;
            }
            closed = true;
            notifyAll(); // awaitVehicleRead
            try {
                pilot.close(); // under the lock: a step in progress has ended, and none after this drives the outputs
            } catch (RuntimeException e) {
                LOG.error("pile {}: stopped, the relay {}, but the outputs were not all left safe: {}", config.pileId(),
                        pilot.relayClosed() ? "still closed (switch the pile off at its breaker)" : "open",
                        oneLine(e));
                LOG.debug("pile {}: the outputs' failure at the stop", config.pileId(), e);
            }
        }
    }
}
