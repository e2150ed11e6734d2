package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.upstream.message.Messages;

/**
 * A firmware-bridge (real, on 127.0.0.1) whose CoAP server stops answering while its car charges; the car, drawing its
 * safe current meanwhile, leaves before the bridge answers again. Heard again, the pile says the car gone, its
 * {@code sessionEnergyKwh} still the ended session's and {@code sessionPluggedSeconds} since that session's plug-in:
 * the session is closed when the bridge says its car was unplugged (departure seen) with what the pile counted for
 * it, the silence included. Until 2026-12-03 it was closed with what was counted at its last sighting; until
 * 2026-12-04 at its last sighting, departure not seen.
 */
@Timeout(180)
class CarGoneInASilenceLiveTest extends LiveRigTestBase {
    private static final LiveRig.Offline OFFLINE = LiveRig.Offline.QUICK;
    /** The pile whose car leaves in the silence and no other comes. */
    private static final int ALONE = 0;
    /** The pile whose car leaves in the silence and another car is plugged in before its bridge answers again. */
    private static final int ANOTHER = 1;

    /** When each pile's car was unplugged: no earlier than the first, no later than the second. */
    private final Instant[] unpluggedFrom = new Instant[2];
    private final Instant[] unpluggedBy = new Instant[2];

    /**
     * Both cases on one rig of two piles, silenced together, so that the silence (the offline time and the lease) is
     * waited out once, not once a case; each pile has its own bridge, car and session, which the other's do not touch.
     * On {@link #ALONE}, no car plugged in again: the session is closed with what the pile counted for it.
     * On {@link #ANOTHER}, another car plugged in before the bridge answers again: heard again, the pile says a car
     * plugged in after the session was last seen, its {@code sessionEnergyKwh} the new car's, and in
     * {@code lastSession} the ended session's plug-in, unplug and energy. The session is closed at that unplug with what
     * the pile counted for it, the silence included, and the new car's begins. Until 2026-12-04 the session went on as
     * if the new car were its own. Until 2026-12-07 the two cases were two tests, each on a rig of its own.
     */
    @Test
    void theSessionClosedWhenThePileIsHeardAgainHasWhatThePileCountedForItWithOrWithoutAnotherCar() throws Exception {
        Instant start = Instant.now();
        String[] session = carsLeftInASilence();
        TestBridge alone = rig.bridges.get(ALONE);
        TestBridge another = rig.bridges.get(ANOTHER);
        double countedAlone = alone.sessionEnergyKwh();
        double countedAnother = another.sessionEnergyKwh();
        another.vehicle.plugIn();
        GatewayLiveTest.await("another car plugged in", Duration.ofSeconds(5), another::plugged);

        alone.answer();
        another.answer();
        assertClosedWith(start, session[ALONE], countedAlone, ALONE);
        assertClosedWith(start, session[ANOTHER], countedAnother, ANOTHER);
        GatewayLiveTest.await("the new car's session", Duration.ofSeconds(30),
                () -> rig.gateway.loop().lastResult().plugged().stream()
                        .anyMatch(s -> s.pileIndex() == ANOTHER && !s.id().equals(session[ANOTHER])));
    }

    /**
     * Both bridges silenced while their cars charge, each car drawing in the silence and then unplugged; the sessions'
     * ids, by pile.
     */
    private String[] carsLeftInASilence() throws Exception {
        rig = LiveRig.withOffline(2, 8, dir, OFFLINE);
        GatewayLiveTest.await("the sessions open", Duration.ofSeconds(10), rig::everySessionOpen);
        String[] session = new String[2];
        double[] atSilence = new double[2];
        for (int i = 0; i < 2; i++) {
            rig.gateway.loop().declare(i, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
            session[i] = rig.openSession(i).orElseThrow().id();
        }
        for (int i = 0; i < 2; i++) {
            rig.bridges.get(i).silence();
            atSilence[i] = rig.bridges.get(i).sessionEnergyKwh();
        }
        GatewayLiveTest.await("the piles offline", OFFLINE.pileOfflineAfter().plusSeconds(20),
                () -> rig.gateway.loop().lastResult().reasons().stream().allMatch(r -> r == PileReason.PILE_OFFLINE));
        // 6 A (its safe current once its lease has lapsed) is 1.32 kW: 0.005 kWh in under 14 s.
        GatewayLiveTest.await("the cars drawing in the silence", OFFLINE.ttl().plusSeconds(30),
                () -> rig.bridges.get(ALONE).sessionEnergyKwh() >= atSilence[ALONE] + 0.005
                        && rig.bridges.get(ANOTHER).sessionEnergyKwh() >= atSilence[ANOTHER] + 0.005);
        for (int i = 0; i < 2; i++) {
            TestBridge bridge = rig.bridges.get(i);
            unpluggedFrom[i] = Instant.now();
            bridge.vehicle.unplug();
            GatewayLiveTest.await("p" + i + "'s car gone", Duration.ofSeconds(5), () -> !bridge.plugged());
            unpluggedBy[i] = Instant.now();
        }
        return session;
    }

    /**
     * The session on {@code pile}, once closed, departed when the bridge's {@code lastSession} says it was unplugged, with
     * {@code counted}, what the bridge counted for it to the end. Its seconds are rounded down (the unplug reads up to
     * 1 s late), and the reading is stamped when its answer comes.
     */
    private void assertClosedWith(Instant start, String session, double counted, int pile) throws InterruptedException {
        GatewayLiveTest.await("p" + pile + "'s session closed", Duration.ofSeconds(30), () -> ended(start, session).isPresent());
        SessionRecord row = ended(start, session).orElseThrow();

        assertThat(row.departureSeen()).as("departure_seen: the bridge said when").isTrue();
        assertThat(row.departure()).as("the unplug, as the bridge says it, after the last sighting %s", row.lastSeen())
                .isAfter(row.lastSeen())
                .isBetween(unpluggedFrom[pile].minusSeconds(1), unpluggedBy[pile].plusSeconds(3));
        assertThat(row.pileEnergyKWh()).as("the pile's counter at the last sighting").isLessThan(counted - 0.004);
        assertThat(row.deliveredKWh()).as("delivered_kwh against the pile's count, the silence included")
                .isCloseTo(counted, within(1e-6));
        assertThat(Messages.session(row).deliveredKwh()).as("the upstream session message")
                .isCloseTo(counted, within(1e-6));
    }

    /** The session's row once it has ended. */
    private Optional<SessionRecord> ended(Instant since, String session) {
        try {
            assertThat(rig.gateway.store().flush(Duration.ofSeconds(10))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the store's writes", e);
        }
        try (StoreReader r = rig.gateway.store().reader()) {
            List<SessionRecord> rows = r.sessions(since.minusSeconds(60), Instant.now().plusSeconds(60));
            return rows.stream().filter(s -> s.id().equals(session) && s.departure() != null).findFirst();
        }
    }
}
