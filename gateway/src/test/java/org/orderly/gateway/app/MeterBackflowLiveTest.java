package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;

/**
 * A transformer meter that reads power flowing back to the grid (a real Modbus TCP meter on 127.0.0.1, real bridges):
 * with its CT the wrong way round the compound looks idle, and the gateway would give the cars the whole transformer.
 * Once it has read so for the hold, the gateway shares only the safe EV power, as with a stale reading, and says why;
 * once it reads plausibly, it controls normally again. So does one answering a total no transformer can carry (1e12 W,
 * 1e9 kW, as a map of the wrong type or scale reads), said with the bound it is beyond: until 2026-12-05 it was fresh.
 */
@Timeout(120)
class MeterBackflowLiveTest extends LiveRigTestBase {
    private static final int PILES = 4;


    private void startCharging() throws Exception {
        rig = new LiveRig(PILES, 8, dir);
        GatewayLiveTest.await("every bridge leased and every session open", Duration.ofSeconds(10), rig::everySessionOpen);
        Instant departure = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < PILES; i++) {
            rig.gateway.loop().declare(i, new Declaration(departure, 40));
        }
        GatewayLiveTest.await("cars charging well above the safe power", Duration.ofSeconds(10),
                () -> rig.offeredKw() > 2 * LiveRig.SAFE_EV_KW);
    }

    private List<String> modeEvents(Instant from) throws Exception {
        assertThat(rig.gateway.store().flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader reader = rig.gateway.store().reader()) {
            return reader.events(from, Instant.now().plusSeconds(60)).stream()
                    .filter(e -> e.kind().equals(CycleRecorder.MODE_EVENT)).map(StoreEvent::message).toList();
        }
    }

    @Test
    void aReversedCtMeansTheSafePowerOnlyUntilItIsFittedTheRightWayRound() throws Exception {
        startCharging();
        Instant from = Instant.now().minusSeconds(60);

        rig.ctReversed(true);
        // Before its hold the reading flowing back is not taken at its word: the last plausible one goes stale (here
        // after 750 ms) and the cycle is conservative; after the hold it is named as flowing back.
        GatewayLiveTest.await("named as flowing back", BackflowWatch.HOLD.plusSeconds(10),
                () -> rig.gateway.loop().lastResult().backflow() != null);
        assertThat(rig.gateway.loop().mode()).isEqualTo(ControlMode.CONSERVATIVE);
        GatewayLiveTest.await("safe EV power at the bridges", LiveRig.BRIDGES_HAVE_IT,
                () -> rig.offeredKw() <= LiveRig.SAFE_EV_KW + 0.05);

        rig.ctReversed(false);
        GatewayLiveTest.await("normal again", Duration.ofSeconds(5), () -> rig.gateway.loop().mode() == ControlMode.NORMAL);
        GatewayLiveTest.await("cars above the safe power again", Duration.ofSeconds(10),
                () -> rig.offeredKw() > 2 * LiveRig.SAFE_EV_KW);

        assertThat(modeEvents(from))
                .anySatisfy(m -> assertThat(m).contains(" -> conservative: transformer reading not trusted: "
                        + "power.total.kw = -").contains("kW flows back to the grid: a CT the wrong way round"))
                .anySatisfy(m -> assertThat(m).startsWith("conservative -> normal: transformer reading plausible again"));
    }

    @Test
    void aPhaseFlowingBackMeansTheSafePowerOnlyThoughTheTotalIsPositive() throws Exception {
        startCharging();
        Instant from = Instant.now().minusSeconds(60);

        rig.meter.phaseKw('B', -3);
        GatewayLiveTest.await("conservative", BackflowWatch.HOLD.plusSeconds(10),
                () -> rig.gateway.loop().mode() == ControlMode.CONSERVATIVE);
        GatewayLiveTest.await("safe EV power at the bridges", LiveRig.BRIDGES_HAVE_IT,
                () -> rig.offeredKw() <= LiveRig.SAFE_EV_KW + 0.05);

        rig.meter.phaseKw('B', 4);
        GatewayLiveTest.await("normal again", Duration.ofSeconds(5), () -> rig.gateway.loop().mode() == ControlMode.NORMAL);
        assertThat(modeEvents(from))
                .anySatisfy(m -> assertThat(m).contains("power.b.kw = -3.00 kW flows back to the grid"));
    }

    @Test
    void aGigawattTotalMeansTheSafePowerOnlyAndIsSaidWithItsBound() throws Exception {
        startCharging();
        Instant from = Instant.now().minusSeconds(60);

        rig.householdKw(1e9);
        GatewayLiveTest.await("conservative", Duration.ofSeconds(10),
                () -> rig.gateway.loop().mode() == ControlMode.CONSERVATIVE);
        GatewayLiveTest.await("safe EV power at the bridges", LiveRig.BRIDGES_HAVE_IT,
                () -> rig.offeredKw() <= LiveRig.SAFE_EV_KW + 0.05);

        rig.householdKw(8);
        GatewayLiveTest.await("normal again", Duration.ofSeconds(10), () -> rig.gateway.loop().mode() == ControlMode.NORMAL);
        assertThat(modeEvents(from)).anySatisfy(m -> assertThat(m).startsWith("normal -> conservative: transformer"
                + " reading impossible: power.total.kw = ").contains("kW is more than the transformer can carry (bound 120"
                + " kW, 3 times its limit); check the meter's register map (type, scale, word order) and the CT ratio"
                + " (read at "));
    }

    /**
     * A meter whose total reads a thousandth of the compound's power (a scale gone wrong): less than the bridges alone
     * say their cars draw. Until 2026-12-06 it was taken at its word, households of nothing, and the cars given the
     * whole transformer; now the last plausible reading stands for it until that is too old, then only the safe power.
     */
    @Test
    void aTotalBelowWhatTheBridgesDrawMeansTheSafePowerOnlyAndIsSaidSo() throws Exception {
        startCharging();
        Instant from = Instant.now().minusSeconds(60);

        rig.totalReads(0.001);
        GatewayLiveTest.await("conservative, below the piles", Duration.ofSeconds(10),
                () -> rig.gateway.loop().mode() == ControlMode.CONSERVATIVE
                        && rig.gateway.loop().lastResult().belowPiles() != null);
        GatewayLiveTest.await("safe EV power at the bridges", LiveRig.BRIDGES_HAVE_IT,
                () -> rig.offeredKw() <= LiveRig.SAFE_EV_KW + 0.05);

        rig.totalReads(1);
        GatewayLiveTest.await("normal again", Duration.ofSeconds(10), () -> rig.gateway.loop().mode() == ControlMode.NORMAL);
        assertThat(modeEvents(from)).anySatisfy(m -> assertThat(m).startsWith("normal -> conservative: transformer"
                + " reading not trusted: power.total.kw = ").contains(" kW is less than the piles alone draw (")
                .endsWith("and no plausible reading is recent enough to go on from"));
    }
}
