package org.orderly.bridge.sense;

import java.util.Locale;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * What one burst says about the vehicle: a state the pile can act on, or why it cannot. Every case gives the state
 * {@code /status} reports for it; only {@link Level} can be C.
 */
public sealed interface PilotReading {

    /** The IEC 61851 state reported for this reading. */
    VehicleState state();

    /** One line for the log. */
    String describe();

    /** A vehicle state read in its band: A, B, C, E (0 V) or F (a steady -12 V). */
    record Level(VehicleState state, PilotPeaks peaks) implements PilotReading {
        @Override
        public String describe() {
            return "state " + state + " (" + peaks + ")";
        }
    }

    /** State D (3 V): the vehicle asks for ventilation, which this pile does not have; reported as E. */
    record Ventilation(PilotPeaks peaks) implements PilotReading {
        @Override
        public VehicleState state() {
            return VehicleState.E;
        }

        @Override
        public String describe() {
            return "state D, the vehicle asks for ventilation, which this pile has not (" + peaks + ")";
        }
    }

    /** The PWM runs but its negative part is not -12 V: the vehicle's diode is missing or shorted; reported as E. */
    record NoDiode(PilotPeaks peaks) implements PilotReading {
        @Override
        public VehicleState state() {
            return VehicleState.E;
        }

        @Override
        public String describe() {
            return "no diode: the negative part is not -12 V (" + peaks + ")";
        }
    }

    /** A peak outside every band of the standard; reported as E. */
    record OutOfRange(PilotPeaks peaks) implements PilotReading {
        @Override
        public VehicleState state() {
            return VehicleState.E;
        }

        @Override
        public String describe() {
            return "outside every band (" + peaks + ")";
        }
    }

    /**
     * The burst never converted one pilot period without a gap (its thread preempted for longer than twice the
     * burst's span allows for): its peaks may have missed a part of the PWM, so they say nothing of the vehicle. The
     * sensing sets one such burst aside; the second in a row is reported F, as a pilot the pile cannot read.
     */
    record Uncovered(PilotPeaks peaks) implements PilotReading {
        @Override
        public VehicleState state() {
            return VehicleState.F;
        }

        @Override
        public String describe() {
            return "not covered: no pilot period converted without a gap of over "
                    + PilotBurst.MAX_GAP.toNanos() / 1000 + " us, " + peaks.conversions() + " conversions in "
                    + String.format(Locale.ROOT, "%.2f ms", peaks.spanNanos() / 1e6) + " (" + peaks + ")";
        }
    }

    /** The converter could not be read: the pile cannot see the vehicle; reported as F. */
    record Unreadable(String cause) implements PilotReading {
        @Override
        public VehicleState state() {
            return VehicleState.F;
        }

        @Override
        public String describe() {
            return "unreadable: " + cause;
        }
    }
}
