package org.orderly.gateway.web.view;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.modbus.Reading;

/** Makes the transformer card's {@link MeterView} from the last control cycle and the meter's newest reading. */
final class MeterViews {
    private MeterViews() {
    }

    /**
     * @param last     the last control cycle, null before the first
     * @param reading  the transformer meter's newest reading, null when there is none
     * @param notTaken why the last cycle did not take the reading the meter answered ({@link CardLoads#notTaken}, judged
     *                 once for the card, the alarm and this), null where it took it or the reading is stale or missing
     * @param lines    where the meter's map gives each line's load, as the control cycle takes it
     */
    static MeterView of(CycleResult last, Reading reading, ReadingNotTaken notTaken, Transformer transformer,
                        LineSource lines) {
        boolean set = transformer.hasPhaseLimit();
        double limitA = set ? transformer.phaseLimitA()
                : transformer.limitKw() / 3 * 1000 / transformer.phaseVoltageV();
        MeterView.Status status = status(last, reading, notTaken);
        List<MeterView.PhaseLoad> phases = new ArrayList<>(3);
        if (status == MeterView.Status.FRESH && reading != null) {
            double limitKw = limitA * transformer.phaseVoltageV() / 1000;
            for (int line = 0; line < 3; line++) {
                // Each line's share as the control cycle has its load (LineSource): by its current where the map reads
                // every line's current, else by its power; a line the reading lacks is left out.
                OptionalDouble kw = lines.kw(line, reading::value, transformer.phaseVoltageV());
                if (kw.isPresent()) {
                    char p = (char) ('a' + line);
                    Double amps = lines == LineSource.CURRENT ? kw.getAsDouble() * 1000 / transformer.phaseVoltageV()
                            : null;
                    phases.add(new MeterView.PhaseLoad(String.valueOf(Character.toUpperCase(p)), amps,
                            finite(reading.value("power." + p + ".kw")), kw.getAsDouble() / limitKw));
                }
            }
        }
        return new MeterView(status, reading == null ? null : reading.readAt().toEpochMilli(), limitA, set,
                List.copyOf(phases));
    }

    private static MeterView.Status status(CycleResult last, Reading reading, ReadingNotTaken notTaken) {
        if (last == null) {
            return MeterView.Status.STARTING;
        }
        if (!Double.isNaN(last.baseKw())) {
            return MeterView.Status.FRESH;
        }
        // Flowing back, before its hold or past it: the cause judged once for the card and the alarm (ReadingNotTaken).
        if (notTaken == ReadingNotTaken.FLOWS_BACK) {
            return MeterView.Status.FLOWS_BACK;
        }
        // Refused for another cause, or too old: STALE, the readingNotTaken beside it saying which (a status of its own
        // for the former, NOT_TAKEN on 2026-12-07, left a page open across the upgrade with a card it could not say).
        return reading == null ? MeterView.Status.MISSING : MeterView.Status.STALE;
    }

    private static Double finite(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : null;
    }
}
