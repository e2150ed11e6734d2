package org.orderly.bridge.sense;

import org.orderly.bridge.vehicle.VehicleState;

/**
 * The state a pile acts on, from one reading after another: a new state is taken once it has been read {@code times}
 * in a row; but C is left at the first reading of anything else, for the relay must open within 100 ms of the vehicle
 * leaving C (IEC 61851-1), and a C that was a glitch is taken again only after {@code times} readings. Not thread
 * safe: one sensing thread feeds it.
 */
final class StateDebounce {

    private final int times;
    private VehicleState taken;
    private VehicleState candidate;
    private int count;

    StateDebounce(int times, VehicleState initial) {
        this.times = times;
        this.taken = initial;
    }

    /** Feeds one reading; whether the state taken changed. */
    boolean read(VehicleState state) {
        if (state == taken) {
            candidate = null;
            return false;
        }
        if (state == candidate) {
            count++;
        } else {
            candidate = state;
            count = 1;
        }
        if (count < times && taken != VehicleState.C) {
            return false;
        }
        taken = state;
        candidate = null;
        return true;
    }

    VehicleState taken() {
        return taken;
    }
}
