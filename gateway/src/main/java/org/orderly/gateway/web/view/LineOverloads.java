package org.orderly.gateway.web.view;

import java.util.HashSet;
import java.util.Locale;
import org.orderly.gateway.app.config.AsWritten;
import java.util.Set;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;

/**
 * The lines over the transformer's {@code phaseLimitA}, as alarms on the gateway: as {@code OVERLOAD} is the total
 * over {@code limitKw}, with no hold either way. A line's current is the one the transformer card shows its share by:
 * the meter's current on it, else its power at the phase voltage.
 */
final class LineOverloads {
    private static final double EPS = 1e-9;

    private LineOverloads() {
    }

    /**
     * The {@link AlarmKind#LINE_OVERLOAD} conditions of the meter as the card shows it, each detail {@code A: 412.5 A of
     * 400 A}; none without a line limit or a reading the last cycle trusted (the card then shows no line).
     */
    static Set<AlarmBoard.Condition> conditions(MeterView meter, String gatewayId) {
        Set<AlarmBoard.Condition> out = new HashSet<>();
        if (!meter.phaseLimitSet()) {
            return out;
        }
        for (MeterView.PhaseLoad line : meter.phases()) {
            if (line.share() > 1 + EPS) {
                double amps = line.share() * meter.phaseLimitA();
                out.add(new AlarmBoard.Condition(AlarmKind.LINE_OVERLOAD, gatewayId, line.phase() + ": "
                        + String.format(Locale.ROOT, "%.1f", amps) + " A of " + AsWritten.number(meter.phaseLimitA()) + " A"));
            }
        }
        return out;
    }

}
