package org.orderly.bridge.pilot;

import org.orderly.text.Amps;
import org.orderly.text.AsWritten;

/**
 * What the control pilot tells the vehicle. The cases are closed by IEC 61851-1: a PWM offer of
 * a current, a steady +12 V (100 %, "no current available now", relay open) or a steady -12 V
 * (0 %, state F, "EVSE not available").
 */
public sealed interface PilotSignal {

    /** The PWM duty cycle in percent that carries this signal. */
    double dutyPercent();

    /** The current the vehicle may draw under this signal, in amperes. */
    double amps();

    /** PWM offering {@code amps}, the value the vehicle decodes from {@code dutyPercent}. */
    record Offer(double amps, double dutyPercent) implements PilotSignal {
        public Offer {
            if (dutyPercent < PilotMapping.MIN_DUTY || dutyPercent > PilotMapping.MAX_DUTY) {
                throw new IllegalArgumentException("offer duty " + dutyPercent + " % outside "
                        + PilotMapping.MIN_DUTY + ".." + PilotMapping.MAX_DUTY + " %");
            }
        }

        /** As the log and a refusal say it: {@code offer 6 A (duty 10 %)}, not the record's doubles. */
        @Override
        public String toString() {
            return "offer " + Amps.of(amps) + " (duty " + AsWritten.number(dutyPercent) + " %)";
        }
    }

    /** Steady +12 V: the pile is there but offers no current (0 A); the relay is open. */
    record Standby() implements PilotSignal {
        @Override public double dutyPercent() { return 100.0; }
        @Override public double amps() { return 0.0; }
        @Override public String toString() { return "standby (+12 V)"; }
    }

    /** Steady -12 V: state F, the pile is not available (fault); the relay is open. */
    record Fault(String reason) implements PilotSignal {
        @Override public double dutyPercent() { return 0.0; }
        @Override public double amps() { return 0.0; }
        @Override public String toString() { return "fault (-12 V, " + reason + ")"; }
    }
}
