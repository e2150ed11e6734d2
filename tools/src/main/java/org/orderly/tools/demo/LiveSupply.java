package org.orderly.tools.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderly.gateway.core.model.LineLoads;

/**
 * What a real meter on the demo's supply shows, for every quantity a meter map may name (docs/register-maps.md), so
 * the simulated meter answers like the model its map claims: nominal phase voltage and 50 Hz, the total power spread
 * evenly over three phases (or on the one phase of a single-phase map), currents that match, energy counters that
 * advance with the power. Without them a commissioning command (selftest, scan) sees 0 V and rightly fails it.
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

    Map<String, Double> at(Instant now, LineLoads lines) {
        return at(now, lines.aKw() + lines.bKw() + lines.cKw());
    }

    /** Every quantity at {@code now}, with {@code totalKw} drawn since the previous call (import positive). */
    Map<String, Double> at(Instant now, double totalKw) {
        if (last != null && now.isAfter(last)) {
            double hours = Duration.between(last, now).toNanos() / 3.6e12;
            if (totalKw >= 0) {
                importKwh += totalKw * hours;
            } else {
                exportKwh -= totalKw * hours;
            }
        }
        last = now;
        double phaseKw = totalKw / 3;
        double phaseA = phaseKw * 1000 / phaseVoltageV;
        Map<String, Double> q = new LinkedHashMap<>();
        for (String phase : new String[] {"a", "b", "c"}) {
            q.put("voltage." + phase + ".v", phaseVoltageV);
            q.put("current." + phase + ".a", Math.abs(phaseA));
            q.put("power." + phase + ".kw", phaseKw);
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
