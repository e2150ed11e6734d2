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
    /** The pile whose bridge is restarted at once. */
    private static final int QUICK = 0;
    /** The pile whose bridge is stopped for longer than {@link SessionTracker#SAME_PLUG_IN_TOLERANCE}. */
    private static final int SLOW = 1;

    /**
     * Both restarts on one rig of two piles, whose cars count their energy before the restarts at the same time (the
     * slow part: {@link #COUNTING}), each pile with its own bridge, car and session, which the other's do not touch.
     * {@link #QUICK}'s bridge is restarted at once; {@link #SLOW}'s is stopped until the gateway's last status of it is
     * older than {@link SessionTracker#SAME_PLUG_IN_TOLERANCE} and a second (the bridge's seconds are whole): its
     * plug-in, its start, reads later than the session's last sighting. Until 2026-12-07 the two were two tests, each
     * on a rig of its own.
     */
    @Test
    @Timeout(120)
    void aSessionsEnergyIsWhatThePileCountedBeforeItsBridgeRestartedPlusWhatItCountsAfterQuickOrSlow() throws Exception {
        // A pile quickly taken for silent: the gateway asks the restarted bridge for its status within seconds.
        rig = sessions.everySessionOpen(LiveRig.withOffline(2, 8, dir, LiveRig.Offline.QUICK));
        // Declared more than the car can take in the hour, so that the plan charges it at its most.
        for (int pile : new int[] {QUICK, SLOW}) {
            rig.gateway.loop().declare(pile, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
        }
        await("both sessions counting " + BEFORE_KWH + " kWh", COUNTING.plus(WITHIN),
                () -> counting(QUICK, BEFORE_KWH) && counting(SLOW, BEFORE_KWH));

        Across slow = new Across(SLOW, before -> {
            before.close();
            Instant lastHeard = rig.gateway.drivers().get(SLOW).latest().orElseThrow().readAt();
            Instant late = lastHeard.plus(SessionTracker.SAME_PLUG_IN_TOLERANCE).plusSeconds(1);
            Await.until("the bridge stopped for longer than " + SessionTracker.SAME_PLUG_IN_TOLERANCE + " since the "
                    + "gateway last heard it, at " + lastHeard, WITHIN, () -> Instant.now().isAfter(late));
            return before.startedAgain();
        });
        Across quick = new Across(QUICK, TestBridge::restarted);
        Await.untilSeeing("the restarted bridges counting " + AFTER_KWH + " kWh and the gateway hearing them",
                COUNTING.plus(WITHIN), () -> quick.seen() & slow.seen(), () -> quick + "; " + slow);

        for (Across across : List.of(quick, slow)) {
            assertThat(across.ids).as("p%s's session, across its bridge's restart", across.pile).containsOnly(across.id);
            assertThat(across.delivered).as("p%s's session's delivered energy after the restart, %s kWh before",
                    across.pile, across.counted).allSatisfy(kwh -> assertThat(kwh).isGreaterThanOrEqualTo(across.counted));
        }
    }

    /** How a test restarts the bridge: its car plugged in all along. */
    private interface Restart {
        TestBridge of(TestBridge before) throws Exception;
    }

    private LiveRig rig;

    /** Whether the session open on {@code pile} has counted {@code kwh}. */
    private boolean counting(int pile, double kwh) {
        return rig.openSession(pile).map(s -> s.deliveredKWh() >= kwh).orElse(false);
    }

    /** A pile's bridge restarted mid-session, and the sessions the gateway had open on it since, as seen. */
    private final class Across {
        final int pile;
        final String id;
        final TestBridge after;
        final double counted;
        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<Double> delivered = new CopyOnWriteArrayList<>();

        Across(int pile, Restart restart) throws Exception {
            this.pile = pile;
            id = rig.openSession(pile).orElseThrow().id();
            after = restart.of(rig.bridges.get(pile));
            rig.bridges.set(pile, after);
            counted = rig.openSession(pile).orElseThrow().deliveredKWh();
        }

        /** Looks at the session open now; whether the new bridge has counted {@link #AFTER_KWH} and the gateway too. */
        boolean seen() {
            Optional<PluggedSession> s = rig.openSession(pile);
            s.ifPresent(p -> {
                ids.add(p.id());
                delivered.add(p.deliveredKWh());
            });
            return after.sessionEnergyKwh() >= AFTER_KWH
                    && s.map(p -> p.deliveredKWh() >= counted + AFTER_KWH - ROUNDING_KWH).orElse(false);
        }

        @Override
        public String toString() {
            return "p" + pile + ": the bridge's count " + after.sessionEnergyKwh() + " kWh, the gateway's sessions "
                    + ids.stream().distinct().toList() + " delivering "
                    + (delivered.isEmpty() ? "none" : delivered.get(delivered.size() - 1)) + " kWh; the driver's status "
                    + rig.gateway.drivers().get(pile).latest();
        }
    }
}
