package org.orderly.tools.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderly.gateway.core.model.LineLoads;

/**
 * What a real meter on the demo's supply shows, for every quantity a meter map may name (docs/register-maps.md), so
 * the simulated meter answers like the model its map claims: nominal phase voltage and 50 Hz, each line's power as
 * loaded (the sum on the one phase of a single-phase map), currents that match at unity power factor, energy counters
 * that advance with the power. Without them a commissioning command (selftest, scan) sees 0 V and rightly fails it.
 * Not thread-safe: one simulation thread feeds it.
 */
final class LiveSupply {
    static final double FREQUENCY_HZ = 50.0;

    private final double phaseVoltageV;
    private double importKwh;
    private double exportKwh;
    private Instant last;

    LiveSupply(double phaseVoltageV) {
        if (!(phaseVoltageV > 0)) {
            throw new IllegalArgumentException("phase voltage must be positive, was " + phaseVoltageV);
        }
        this.phaseVoltageV = phaseVoltageV;
    }

    /** Every quantity at {@code now}, with each line's load drawn since the previous call (import positive). */
    Map<String, Double> at(Instant now, LineLoads lines) {
        double totalKw = lines.aKw() + lines.bKw() + lines.cKw();
        if (last != null && now.isAfter(last)) {
            double hours = Duration.between(last, now).toNanos() / 3.6e12;
            if (totalKw >= 0) {
                importKwh += totalKw * hours;
            } else {
                exportKwh -= totalKw * hours;
            }
        }
        last = now;
        Map<String, Double> q = new LinkedHashMap<>();
        String[] names = {"a", "b", "c"};
        for (int line = 0; line < 3; line++) {
            double kw = lines.kw(line);
            q.put("voltage." + names[line] + ".v", phaseVoltageV);
            q.put("current." + names[line] + ".a", Math.abs(kw * 1000 / phaseVoltageV));
            q.put("power." + names[line] + ".kw", kw);
        }
        // a single-phase map's names: the whole load on its one phase
        q.put("voltage.v", phaseVoltageV);
        q.put("current.a", Math.abs(totalKw * 1000 / phaseVoltageV));
        q.put("power.total.kw", totalKw);
        q.put("frequency.hz", FREQUENCY_HZ);
        q.put("energy.import.kwh", importKwh);
        q.put("energy.export.kwh", exportKwh);
        return q;
    }
}
