package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;

/**
 * A pile's own draw at selftest is held to what the running gateway takes from a pile of its rating: its {@code maxA}
 * on each phase at 300 V ({@code PileRating}, the bound on a bridge's {@code powerKw}). Until 2026-12-05 it was 1.25 x
 * {@code maxA} x {@code phaseVoltageV}, 13.8 kW for a 16 A three-phase pile at 230 V, where the gateway's is 14.4 kW.
 */
class PileDrawTest {
    private static final PileConfig P2 = new PileConfig(new Pile("p2", Phase.ABC, 6, 16, null),
            new PileDriver.Modbus("room", 22, "piles/generic", PileDriver.DEFAULT_SAFE_AMPS, PileDriver.Lapse.SAFE_AMPS));

    @Test
    void aDrawUpToTheGatewaysBoundPasses() {
        assertThat(PileDraw.implausible(14.4, P2, true)).isEmpty();
        assertThat(PileDraw.implausible(-0.1, P2, true)).as("an idle meter's noise").isEmpty();
        assertThat(PileDraw.implausible(Double.NaN, P2, true)).as("not reported").isEmpty();
    }

    @Test
    void aDrawAboveItFailsWithTheGatewaysReckoning() {
        assertThat(PileDraw.implausible(14.5, P2, true)).hasValue("power drawn 14.50 kW is more than pile p2 can draw:"
                + " 16 A on 3 phases at 300 V is 14.4 kW; check the word order (order: big or little), type and scale of"
                + " its map's power.total.kw against the pile's Modbus table");
        assertThat(PileDraw.implausible(-0.5, P2, false)).hasValue("power drawn -0.50 kW is implausible: a pile draws"
                + " power, it gives none back; check the bridge's pile meter (its --meter-model, and the meter's wiring)");
    }
}
