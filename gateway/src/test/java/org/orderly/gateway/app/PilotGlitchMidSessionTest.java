package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.testkit.Await;

/**
 * A car charging whose pilot reads E for a moment (a contactor's bounce, a spike), against the real bridge on 127.0.0.1
 * and the live gateway: offered nothing while the pile says E, it keeps its session (id, declaration) and the
 * bridge's plug-in, and back in C its energy counts on from what it had taken (docs/architecture.md, "A pile in E or
 * F"; docs/firmware-bridge.md, "E or F under a plug-in"). Until 2026-12-07 the E ended the session and another began.
 */
class PilotGlitchMidSessionTest extends LiveSessionsTestBase {
    /** What the car takes before the glitch, and after it. */
    private static final double BEFORE_KWH = 0.01;
    private static final double AFTER_KWH = 0.005;

    @Test
    @Timeout(120)
    void aCarWhosePilotReadsEForAMomentKeepsItsSessionAndIsOfferedNothingMeanwhile() throws Exception {
        LiveRig rig = sessions.everySessionOpen(LiveRig.withOffline(1, 8, dir, LiveRig.Offline.QUICK));
        Declaration declared = new Declaration(Instant.now().plus(Duration.ofHours(1)), 40);
        rig.gateway.loop().declare(0, declared);
        TestBridge bridge = rig.bridges.get(0);
        await("p0's session counting " + BEFORE_KWH + " kWh", TestBridge.charging(BEFORE_KWH).plus(WITHIN),
                () -> rig.openSession(0).map(s -> s.deliveredKWh() >= BEFORE_KWH).orElse(false));
        String id = rig.openSession(0).orElseThrow().id();
        var plugIn = bridge.pile.status().pluggedIn().orElseThrow();

        bridge.vehicle.fault();
        await("a cycle of the gateway's with p0 in E", WITHIN, () -> inE(rig.gateway.loop().lastCycle()));
        CycleSeen inE = rig.gateway.loop().lastCycle();
        assertThat(inE.result().allocation().amps()[0]).as("offered to p0 in E").isZero();
        assertThat(inE.result().plugged()).as("p0's session in E").singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(id));
        double counted = inE.result().plugged().get(0).deliveredKWh();

        bridge.vehicle.clearFault();
        List<String> ids = new CopyOnWriteArrayList<>();
        Await.untilSeeing("the car charging " + AFTER_KWH + " kWh more after E", TestBridge.charging(AFTER_KWH)
                .plus(WITHIN), () -> {
            Optional<PluggedSession> s = rig.openSession(0);
            s.ifPresent(p -> ids.add(p.id()));
            return s.map(p -> p.deliveredKWh() >= counted + AFTER_KWH).orElse(false);
        }, () -> "the gateway's sessions " + ids.stream().distinct().toList() + ", the driver's status "
                + rig.gateway.drivers().get(0).latest());

        assertThat(ids).as("p0's session, across E").containsOnly(id);
        assertThat(rig.openSession(0).orElseThrow().declared()).as("its declaration").isEqualTo(declared);
        assertThat(bridge.pile.status().pluggedIn()).as("the bridge's plug-in").contains(plugIn);
    }

    /** Whether {@code seen}, a cycle of the gateway's, ran on a status of p0 saying E. */
    private static boolean inE(CycleSeen seen) {
        return seen != null && seen.piles().get(0).faulted();
    }

}
