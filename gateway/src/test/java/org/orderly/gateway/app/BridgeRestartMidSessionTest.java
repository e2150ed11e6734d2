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
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.testkit.Await;

/**
 * A firmware-bridge restarted mid-session, its car still plugged in, against the real bridge on 127.0.0.1 and the live
 * gateway: the new bridge counts the session's energy from 0 again (docs/firmware-bridge.md, {@code sessionEnergyKwh}),
 * and the session goes on, its delivered energy what the pile counted before the restart plus what it counts after
 * (docs/architecture.md, "A pile's count that goes back"). Until 2026-12-07 it was the pile's count less the count at
 * the plug-in, never below 0: what the car took before the restart was lost. A bridge stopped longer than
 * {@link SessionTracker#SAME_PLUG_IN_TOLERANCE} says a plug-in later than the session was last seen: the session goes on
 * because the bridge says its car is the one it found plugged in at its start ({@code pluggedAtStart}); until 2026-12-07
 * the session was split in two there.
 */
class BridgeRestartMidSessionTest extends LiveSessionsTestBase {
    /** What the car takes before the restart: a count the new bridge's would take seconds to reach. */
    private static final double BEFORE_KWH = 0.02;
    /** What the car takes after it. */
    private static final double AFTER_KWH = 0.005;
    /** What the car needs for both at its on-board charger's most: however busy the machine, no less. */
    private static final Duration COUNTING = TestBridge.charging(BEFORE_KWH + AFTER_KWH);
    /** The bridge counts to the Wh, and the gateway hears each count a notification after it. */
    private static final double ROUNDING_KWH = 0.002;

    @Test
    @Timeout(120)
    void aSessionsEnergyIsWhatThePileCountedBeforeItsBridgeRestartedPlusWhatItCountsAfter() throws Exception {
        goesOnAcross(TestBridge::restarted);
    }

    /**
     * Stopped until the gateway's last status of it is older than {@link SessionTracker#SAME_PLUG_IN_TOLERANCE} and a
     * second (the bridge's seconds are whole): its plug-in, its start, reads later than the session's last sighting.
     */
    @Test
    @Timeout(120)
    void aSessionGoesOnAcrossItsBridgesRestartSlowerThanTheSamePlugInTolerance() throws Exception {
        goesOnAcross(before -> {
            before.close();
            Instant lastHeard = rig.gateway.drivers().get(0).latest().orElseThrow().readAt();
            Instant slow = lastHeard.plus(SessionTracker.SAME_PLUG_IN_TOLERANCE).plusSeconds(1);
            Await.until("the bridge stopped for longer than " + SessionTracker.SAME_PLUG_IN_TOLERANCE + " since the "
                    + "gateway last heard it, at " + lastHeard, WITHIN, () -> Instant.now().isAfter(slow));
            return before.startedAgain();
        });
    }

    /** How a test restarts the bridge: its car plugged in all along. */
    private interface Restart {
        TestBridge of(TestBridge before) throws Exception;
    }

    private LiveRig rig;

    private void goesOnAcross(Restart restart) throws Exception {
        // A pile quickly taken for silent: the gateway asks the restarted bridge for its status within seconds.
        rig = sessions.everySessionOpen(LiveRig.withOffline(1, 8, dir, LiveRig.Offline.QUICK));
        // Declared more than the car can take in the hour, so that the plan charges it at its most.
        rig.gateway.loop().declare(0, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
        TestBridge before = rig.bridges.get(0);
        await("p0's session counting " + BEFORE_KWH + " kWh", COUNTING.plus(WITHIN),
                () -> rig.openSession(0).map(s -> s.deliveredKWh() >= BEFORE_KWH).orElse(false));
        String id = rig.openSession(0).orElseThrow().id();

        TestBridge after = restart.of(before);
        rig.bridges.set(0, after);
        double counted = rig.openSession(0).orElseThrow().deliveredKWh();
        List<String> ids = new CopyOnWriteArrayList<>();
        List<Double> delivered = new CopyOnWriteArrayList<>();
        Await.untilSeeing("the restarted bridge counting " + AFTER_KWH + " kWh and the gateway hearing it",
                COUNTING.plus(WITHIN), () -> {
                    Optional<PluggedSession> s = rig.openSession(0);
                    s.ifPresent(p -> {
                        ids.add(p.id());
                        delivered.add(p.deliveredKWh());
                    });
                    return after.sessionEnergyKwh() >= AFTER_KWH
                            && s.map(p -> p.deliveredKWh() >= counted + AFTER_KWH - ROUNDING_KWH).orElse(false);
                }, () -> "the bridge's count " + after.sessionEnergyKwh() + " kWh, the gateway's sessions " + ids.stream()
                        .distinct().toList() + " delivering " + (delivered.isEmpty() ? "none" : delivered.get(delivered.size() - 1))
                        + " kWh; the driver's status " + rig.gateway.drivers().get(0).latest());

        assertThat(ids).as("the session, across its bridge's restart").containsOnly(id);
        assertThat(delivered).as("p0's session's delivered energy after the restart, %s kWh before", counted)
                .allSatisfy(kwh -> assertThat(kwh).isGreaterThanOrEqualTo(counted));
    }

}
