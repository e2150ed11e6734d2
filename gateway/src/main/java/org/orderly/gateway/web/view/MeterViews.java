package org.orderly.gateway.web.view;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.modbus.Reading;

/** Makes the transformer card's {@link MeterView} from the last control cycle and the meter's newest reading. */
final class MeterViews {
    private MeterViews() {
    }

    /**
     * @param last    the last control cycle, null before the first
     * @param reading the transformer meter's newest reading, null when there is none
     */
    static MeterView of(CycleResult last, Reading reading, Transformer transformer) {
        boolean set = transformer.hasPhaseLimit();
        double limitA = set ? transformer.phaseLimitA()
                : transformer.limitKw() / 3 * 1000 / transformer.phaseVoltageV();
        MeterView.Status status = status(last, reading);
        List<MeterView.PhaseLoad> phases = new ArrayList<>(3);
        if (status == MeterView.Status.FRESH && reading != null) {
            double limitKw = limitA * transformer.phaseVoltageV() / 1000;
            for (char p : new char[] {'a', 'b', 'c'}) {
                Double amps = finite(reading.value("current." + p + ".a"));
                Double kw = finite(reading.value("power." + p + ".kw"));
                if (amps != null || kw != null) {
                    double share = amps != null ? amps / limitA : kw / limitKw;
                    phases.add(new MeterView.PhaseLoad(String.valueOf(Character.toUpperCase(p)), amps, kw, share));
                }
            }
        }
        return new MeterView(status, reading == null ? null : reading.readAt().toEpochMilli(), limitA, set,
                List.copyOf(phases));
    }

    private static MeterView.Status status(CycleResult last, Reading reading) {
        if (last == null) {
            return MeterView.Status.STARTING;
        }
        if (!Double.isNaN(last.baseKw())) {
            return MeterView.Status.FRESH;
        }
        if (last.backflow() != null) {
            return MeterView.Status.FLOWS_BACK;
        }
        return reading == null ? MeterView.Status.MISSING : MeterView.Status.STALE;
    }

    private static Double finite(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : null;
    }
}
