package org.orderly.gateway.web;

import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.MeterView;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.PileRow;

/**
 * An overview as the page builds one, of a test's or a benchmark's own making: piles {@code p0}, {@code p1}, ... on the
 * phases in turn, every third offline, the others charging at 16 A; in the normal mode with a fresh reading of 40 kW
 * and the three lines, or conservative without a reading and a meter alarm standing.
 */
final class MadeOverview {
    private MadeOverview() {
    }

    static Overview of(int piles, ControlMode mode) {
        boolean fresh = mode == ControlMode.NORMAL;
        List<PileRow> rows = new ArrayList<>(piles);
        for (int i = 0; i < piles; i++) {
            boolean offline = i % 3 == 2;
            rows.add(new PileRow(i, "p" + i, String.valueOf("ABC".charAt(i % 3)), offline ? "offline" : "charging",
                    !offline, !offline, offline ? 0 : 16, null, offline ? null : 3.5, !offline, offline ? null : 4.2, 1_000L, null, null,
                    null, null, null, "CHARGING", null, null, false, false));
        }
        List<MeterView.PhaseLoad> phases = !fresh ? List.of() : List.of(new MeterView.PhaseLoad("A", 60.0, 13.2, 0.6),
                new MeterView.PhaseLoad("B", 55.0, 12.1, 0.55), new MeterView.PhaseLoad("C", 70.0, 15.4, 0.7));
        MeterView meter = new MeterView(fresh ? MeterView.Status.FRESH : MeterView.Status.STALE,
                fresh ? 1_000L : null, 100, true, phases);
        List<Alarm> alarms = fresh ? List.of()
                : List.of(new Alarm("a1", AlarmKind.METER_STALE, "gw", null, 1_000L, null, null, null));
        int offline = piles / 3;
        return new Overview(1_000L, mode.name(), fresh ? 40.0 : null, 66, 66, null, meter, fresh ? 10.0 : null, fresh ? false : null,
                30, 0, piles - offline, piles - offline, offline, 0, 0, rows, alarms, null, null, false, null);
    }
}
