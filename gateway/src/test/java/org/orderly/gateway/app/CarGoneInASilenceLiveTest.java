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

    /** When the car was unplugged: no earlier than the first, no later than the second. */
    private Instant unpluggedFrom;
    private Instant unpluggedBy;

    @Test
    void theSessionClosedWhenThePileIsHeardAgainHasWhatThePileCountedForIt() throws Exception {
        Instant start = Instant.now();
        String session = carLeftInASilence();
        double counted = rig.bridges.get(0).sessionEnergyKwh();

        rig.bridges.get(0).answer();
        assertClosedWith(start, session, counted);
    }

    /**
     * Another car plugged in before the bridge answers again: heard again, the pile says a car plugged in after the
     * session was last seen, its {@code sessionEnergyKwh} the new car's, and in {@code lastSession} the ended session's
     * plug-in, unplug and energy. The session is closed at that unplug with what the pile counted for it, the
     * silence included, and the new car's begins. Until 2026-12-04 the session went on as if the new car were its own.
     */
    @Test
    void theSessionClosedWhenThePileIsHeardAgainWithAnotherCarHasWhatThePileCountedForIt() throws Exception {
        Instant start = Instant.now();
        String session = carLeftInASilence();
        TestBridge bridge = rig.bridges.get(0);
        double counted = bridge.sessionEnergyKwh();
        bridge.vehicle.plugIn();
        GatewayLiveTest.await("another car plugged in", Duration.ofSeconds(5), bridge::plugged);

        bridge.answer();
        assertClosedWith(start, session, counted);
        GatewayLiveTest.await("the new car's session", Duration.ofSeconds(30),
                () -> rig.gateway.loop().lastResult().plugged().stream().anyMatch(s -> !s.id().equals(session)));
    }

    /** A bridge silenced while its car charges, the car drawing in the silence and then unplugged; the session's id. */
    private String carLeftInASilence() throws Exception {
        rig = LiveRig.withOffline(1, 8, dir, OFFLINE);
        GatewayLiveTest.await("the session open", Duration.ofSeconds(10), rig::everySessionOpen);
        rig.gateway.loop().declare(0, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
        TestBridge bridge = rig.bridges.get(0);
        String session = rig.gateway.loop().lastResult().plugged().get(0).id();

        bridge.silence();
        double atSilence = bridge.sessionEnergyKwh();
        GatewayLiveTest.await("the pile offline", OFFLINE.pileOfflineAfter().plusSeconds(20),
                () -> rig.gateway.loop().lastResult().reasons().get(0) == PileReason.PILE_OFFLINE);
        // 6 A (its safe current once its lease has lapsed) is 1.32 kW: 0.005 kWh in under 14 s.
        GatewayLiveTest.await("the car drawing in the silence", OFFLINE.ttl().plusSeconds(30),
                () -> bridge.sessionEnergyKwh() >= atSilence + 0.005);
        unpluggedFrom = Instant.now();
        bridge.vehicle.unplug();
        GatewayLiveTest.await("the car gone", Duration.ofSeconds(5), () -> !bridge.plugged());
        unpluggedBy = Instant.now();
        return session;
    }

    /**
     * The session, once closed, departed when the bridge's {@code lastSession} says it was unplugged, with
     * {@code counted}, what the bridge counted for it to the end. Its seconds are rounded down (the unplug reads up to
     * 1 s late), and the reading is stamped when its answer comes.
     */
    private void assertClosedWith(Instant start, String session, double counted) throws InterruptedException {
        GatewayLiveTest.await("the session closed", Duration.ofSeconds(30), () -> ended(start, session).isPresent());
        SessionRecord row = ended(start, session).orElseThrow();

        assertThat(row.departureSeen()).as("departure_seen: the bridge said when").isTrue();
        assertThat(row.departure()).as("the unplug, as the bridge says it, after the last sighting %s", row.lastSeen())
                .isAfter(row.lastSeen())
                .isBetween(unpluggedFrom.minusSeconds(1), unpluggedBy.plusSeconds(3));
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
