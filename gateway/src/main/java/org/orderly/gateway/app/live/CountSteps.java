package org.orderly.gateway.app.live;

import java.util.Map;

/**
 * Per pile, by id, the smallest step its session energy count can move by, in kWh: a Modbus pile's integer
 * {@code energy.session.kwh} register's scale (0.1 kWh, 1 kWh; {@code PileMap.sessionEnergyStepKwh}); none (0) for a
 * firmware-bridge, which says its count to the Wh, a float register or a pile not listed. The session tracker allows it
 * where it tells a register read 0 once from a count begun again ({@link CountBegunAgain#misreadZero}).
 */
public record CountSteps(Map<String, Double> kwhByPile) {
    /** No pile's count moves in steps beyond the Wh. */
    public static final CountSteps NONE = new CountSteps(Map.of());

    public CountSteps {
        kwhByPile = Map.copyOf(kwhByPile);
        kwhByPile.forEach((pile, kwh) -> {
            if (!(kwh >= 0) || Double.isInfinite(kwh)) {
                throw new IllegalArgumentException("pile " + pile + "'s count step must be a finite kWh from 0, was " + kwh);
            }
        });
    }

    /** Pile {@code pileId}'s step, 0 when it has none. */
    double of(String pileId) {
        return kwhByPile.getOrDefault(pileId, 0.0);
    }
}
