package org.orderly.bridge.vehicle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a car is plugged in, from the states read one step after another: B or C from neither begins a plug-in; only
 * A ends it (IEC 61851-1: +12 V, no vehicle), and E or F (a short, no diode, the pile unable to read its pilot) says
 * nothing of whether the car is still there, so a plug-in goes on through them, its car back in B or C the same car,
 * unless they last {@link #KEPT_THROUGH_FAULT} or longer (docs/firmware-bridge.md, "E or F under a plug-in"). The pile
 * and a pile meter's session each keep one, fed the same states at the same steps, so they agree on the plug-in. Not
 * thread safe: the pile steps it under its lock.
 */
public final class PlugInWatch {

    /**
     * How long E or F may last under a plug-in and the car back in B or C still be the same: a contactor's bounce, an
     * EMC spike or a wet connector read for seconds is no new car, while a pilot unreadable (F) for longer could hide a
     * car unplugged and another plugged in, which only an A read shows. As long as the gateway keeps a session across a
     * bridge's restart ({@code SessionTracker.BRIDGE_RESTARTED_WITHIN}), the other time a car's swap goes unseen.
     */
    public static final Duration KEPT_THROUGH_FAULT = Duration.ofMinutes(2);

    /** What a state read changed. */
    public enum Change {
        /** The plug-in goes on as it was, or none began. */
        NONE,
        /** B or C read with no plug-in on: a car plugged in. */
        BEGAN,
        /** A read under a plug-in, or E or F for {@link #KEPT_THROUGH_FAULT}: the plug-in is over. */
        ENDED
    }

    private boolean on;
    /** When E or F was first read under the plug-in on, since B or C was last; null when not in E or F. */
    private Instant faultSince;

    /** Takes {@code state}, read at {@code at} (the pile's vehicle clock): what it changed. */
    public Change see(VehicleState state, Instant at) {
        Objects.requireNonNull(at, "at");
        if (state.plugged()) {
            faultSince = null;
            if (on) {
                return Change.NONE;
            }
            on = true;
            return Change.BEGAN;
        }
        if (!on) {
            return Change.NONE;
        }
        if (state != VehicleState.A) {
            if (faultSince == null) {
                faultSince = at;
            }
            if (Duration.between(faultSince, at).compareTo(KEPT_THROUGH_FAULT) < 0) {
                return Change.NONE;
            }
        }
        on = false;
        faultSince = null;
        return Change.ENDED;
    }

    /** Whether a plug-in is on: the car in B or C, or in E or F since for less than {@link #KEPT_THROUGH_FAULT}. */
    public boolean on() {
        return on;
    }
}
