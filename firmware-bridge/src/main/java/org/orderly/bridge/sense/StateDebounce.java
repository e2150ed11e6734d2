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
    /** Readings in a row of the state taken, until it is {@link #read}. */
    private int takenInARow;
    private boolean read;

    StateDebounce(int times, VehicleState initial) {
        this.times = times;
        this.taken = initial;
    }

    /** Feeds one reading; whether the state taken changed. */
    boolean read(VehicleState state) {
        if (state == taken) {
            candidate = null;
            takenInARow++;
            read = read || takenInARow >= times;
            return false;
        }
        takenInARow = 0;
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
        read = true;
        return true;
    }

    /**
     * Whether the state taken was read: the initial one once read {@code times} in a row, as a new one is taken; until
     * then it is only what the debounce began with.
     */
    boolean read() {
        return read;
    }

    VehicleState taken() {
        return taken;
    }
}
