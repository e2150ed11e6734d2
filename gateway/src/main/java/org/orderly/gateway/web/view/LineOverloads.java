package org.orderly.gateway.web.view;

import java.util.HashSet;
import java.util.Set;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.OverloadHysteresis;

/**
 * The lines over the transformer's {@code phaseLimitA}, as alarms on the gateway, held as {@code OVERLOAD} is for the
 * total over {@code limitKw} ({@link OverloadHysteresis}). A line's current is the one the transformer card shows its
 * share by, taken where the control cycle takes the line's load ({@code LineSource}): the meter's current on it where
 * the map reads every line's current, else its power at the phase voltage.
 */
final class LineOverloads {
    private static final String[] LINES = {"A", "B", "C"};

    private LineOverloads() {
    }

    /**
     * The {@link AlarmKind#LINE_OVERLOAD} conditions after this look at the meter as the card shows it, each detail
     * {@code A: 412.5 A of 400 A} (the latest current over the limit); none without a line limit. A line the card does
     * not show (no reading the last cycle trusted, or one without it) is not known now.
     */
    static Set<AlarmBoard.Condition> conditions(MeterView meter, String gatewayId, OverloadHysteresis hysteresis,
                                                Tick now) {
        Set<AlarmBoard.Condition> out = new HashSet<>();
        if (!meter.phaseLimitSet()) {
            return out;
        }
        for (String line : LINES) {
            double amps = meter.phases().stream().filter(p -> p.phase().equals(line)).findFirst()
                    .map(p -> p.share() * meter.phaseLimitA()).orElse(Double.NaN);
            hysteresis.look(line, amps, meter.phaseLimitA(), now).ifPresent(shown ->
                    out.add(new AlarmBoard.Condition(AlarmKind.LINE_OVERLOAD, gatewayId, line + ": "
                            + OverloadFigures.of(shown, meter.phaseLimitA(), "A"))));
        }
        return out;
    }
}
