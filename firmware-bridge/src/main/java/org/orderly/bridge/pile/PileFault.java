package org.orderly.bridge.pile;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Why a pile stopped charging on its own and will not offer current until the fault is released: the relay open, the
 * pilot in F, {@code /status} state F saying {@code reason}.
 *
 * @param reason       what {@code /status} says in {@code fault}, e.g. {@code residual current}
 * @param untilRestart released only by restarting the bridge (a person must look at the pile); otherwise released once
 *                     its cause is gone and the car has been seen unplugged on the pilot
 * @param cause        whether what tripped it is still there (the monitor's output still at its trip level)
 */
public record PileFault(String reason, boolean untilRestart, BooleanSupplier cause) {
    private static final String RESIDUAL_CURRENT = "residual current";
    private static final String RESIDUAL_CURRENT_MONITOR_UNREADABLE = "residual current monitor unreadable";
    private static final String CONTACTOR_WELDED = "contactor welded";
    private static final String CONTACTOR_FEEDBACK_UNREADABLE = "contactor feedback unreadable";
    private static final String CONTACTOR_DID_NOT_CLOSE = "contactor did not close";
    private static final String VEHICLE_OVER_CURRENT = "vehicle over current";

    /**
     * Why the status is F while the control pilot refuses a change (its PWM cannot be driven): not a latched fault, as
     * the pile drives the pilot again at each step and charges again once it can (docs/firmware-bridge.md).
     */
    public static final String CONTROL_PILOT_NOT_DRIVEN = "control pilot cannot be driven";

    /**
     * Why the status is F while the relay output refuses to open (its GPIO line cannot be written): the contactor may
     * still carry current, and the pilot is at F for the car to stop on. Not latched either: each step tries to open it
     * again (docs/firmware-bridge.md).
     */
    public static final String RELAY_NOT_OPENED = "relay cannot be opened";

    /**
     * Why the status is F while the relay output refuses a change and the relay reads open (its GPIO line cannot be
     * written, e.g. when a car starts charging): nothing flows, but the pile cannot charge, and its pilot is at F so no
     * car stays in C under an offer the relay does not follow. Not latched either: each step drives the relay again
     * (docs/firmware-bridge.md).
     */
    public static final String RELAY_NOT_CLOSED = "relay cannot be closed";

    /**
     * Every reason {@code /status} gives in {@code fault}: a factory's below, {@link #CONTROL_PILOT_NOT_DRIVEN},
     * {@link #RELAY_NOT_OPENED} and {@link #RELAY_NOT_CLOSED}; for those who translate them (the gateway's page,
     * {@code orderly pile get}). {@code PileFaultTest} holds it to the factories.
     */
    public static final List<String> REASONS = List.of(RESIDUAL_CURRENT, RESIDUAL_CURRENT_MONITOR_UNREADABLE,
            CONTACTOR_WELDED, CONTACTOR_FEEDBACK_UNREADABLE, CONTACTOR_DID_NOT_CLOSE, VEHICLE_OVER_CURRENT,
            CONTROL_PILOT_NOT_DRIVEN, RELAY_NOT_OPENED, RELAY_NOT_CLOSED);

    public PileFault {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
    }

    /** A residual current monitor tripped; {@code tripped} says whether its output still says so. */
    public static PileFault residualCurrent(BooleanSupplier tripped) {
        return new PileFault(RESIDUAL_CURRENT, false, tripped);
    }

    /**
     * The residual current monitor's output cannot be read, so a residual current would go unseen: a protection that
     * cannot run fails safe. {@code unreadable} says whether it still cannot be read.
     */
    public static PileFault residualCurrentMonitorUnreadable(BooleanSupplier unreadable) {
        return new PileFault(RESIDUAL_CURRENT_MONITOR_UNREADABLE, false, unreadable);
    }

    /** The contactor still closed while the relay is told open: it may be welded, and carry current unoffered. */
    public static PileFault contactorWelded() {
        return new PileFault(CONTACTOR_WELDED, true, () -> true);
    }

    /**
     * The contactor's feedback cannot be read, so a welded contactor or one that did not close would go unseen: a
     * protection that cannot run fails safe. {@code unreadable} says whether it still cannot be read, or has not yet
     * shown the contactor open for the settling time since.
     */
    public static PileFault contactorFeedbackUnreadable(BooleanSupplier unreadable) {
        return new PileFault(CONTACTOR_FEEDBACK_UNREADABLE, false, unreadable);
    }

    /** The contactor open while the relay is told closed; the relay is then told open, so nothing is left to wait for. */
    public static PileFault contactorDidNotClose() {
        return new PileFault(CONTACTOR_DID_NOT_CLOSE, false, () -> false);
    }

    /**
     * The car drew more than the pilot offered it for longer than it is given to follow a lowered offer ({@code
     * OverCurrentWatch}): a car or on-board charger that does not follow the pilot. Released once it is unplugged, as
     * EVerest clears its over-current error.
     */
    public static PileFault vehicleOverCurrent() {
        return new PileFault(VEHICLE_OVER_CURRENT, false, () -> false);
    }
}
