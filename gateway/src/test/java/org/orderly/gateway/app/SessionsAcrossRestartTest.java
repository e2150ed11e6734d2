package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Mosquitto;

/**
 * The gateway stopped (a restart for an upgrade) and started again on the same store file, against real
 * firmware-bridges, a real Modbus TCP meter and, for the upstream report, a real Mosquitto: a car still plugged in
 * continues its session; a session whose car left (or was plugged anew, also before it had drawn anything) while the
 * gateway was down is closed, its departure marked as not seen, and reported.
 */
class SessionsAcrossRestartTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    @RegisterExtension
    final LiveSessions sessions = new LiveSessions(WITHIN);
    private LiveRig rig;
    private final Instant from = Instant.now().minus(Duration.ofHours(1));

    @Test
    @Timeout(120)
    void aCarStillPluggedAcrossARestartIsOneSession() throws Exception {
        rig = sessions.on(new LiveRig(2, 8, dir));
        await("every session open", WITHIN, rig::everySessionOpen);
        Instant declaredDeparture = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        rig.gateway.loop().declare(0, new Declaration(declaredDeparture, 40));
        TestBridge p0 = rig.bridges.get(0);
        await("p0's car charging", WITHIN, () -> p0.sessionEnergyKwh() >= 0.005);
        SessionRecord before = sessions.openOn("p0");

        rig.stopGateway();
        double countedByTheStop = p0.sessionEnergyKwh();
        rig.restartGateway();
        await("every session open again", WITHIN, rig::everySessionOpen);
        await("p0's car counted on", WITHIN, () -> p0.sessionEnergyKwh() >= countedByTheStop + 0.005);
        // The bridge counts first; the gateway learns it by Observe, a cycle later on a loaded machine.
        await("the gateway counting p0's session on", WITHIN, () -> deliveredSeenByTheGateway(0) > countedByTheStop);
        rig.stopGateway();

        List<SessionRecord> p0Sessions;
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC());
             StoreReader reader = store.reader()) {
            p0Sessions = reader.sessions(from, Instant.now().plus(Duration.ofHours(1))).stream()
                    .filter(s -> s.pile().equals("p0")).toList();
        }
        assertThat(p0Sessions).as("p0's sessions in the store").singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(before.id());
            assertThat(s.arrival()).isEqualTo(before.arrival());
            assertThat(s.departure()).as("still plugged").isNull();
            assertThat(s.declaredDeparture()).isEqualTo(declaredDeparture);
            assertThat(s.declaredKWh()).isEqualTo(40);
            assertThat(s.deliveredKWh()).as("energy counted across the restart, of %s kWh by the stop",
                    countedByTheStop).isGreaterThan(countedByTheStop);
        });
    }

    /**
     * The bridge says when the car was unplugged ({@code lastSession}): the session ends then, its departure seen. Until
     * 2026-12-04 it was closed at its last sighting, departure not seen.
     */
    @Test
    @Timeout(120)
    void aCarUnpluggedWhileTheGatewayWasDownEndsWhenItsBridgeSaysAndIsReported() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-test")) {
            rig = sessions.on(new LiveRig(2, 8, dir, LiveRig.plaintextUpstream(broker.url())));
            await("every session open", WITHIN, rig::everySessionOpen);
            SessionRecord left = sessions.openOn("p1");

            rig.stopGateway();
            Instant stopped = Instant.now();
            TestBridge p1 = rig.bridges.get(1);
            Instant unplugging = Instant.now();
            p1.vehicle.unplug();
            await("p1 unplugged", WITHIN, () -> !p1.plugged());
            Instant unplugged = Instant.now();
            rig.restartGateway();

            await("p1's session closed in the store", WITHIN,
                    () -> sessions.stored("p1").stream().anyMatch(s -> s.departure() != null));
            SessionRecord closed = sessions.stored("p1").stream()
                    .filter(s -> s.id().equals(left.id())).findFirst().orElseThrow();
            // endedSeconds is rounded down, the reading stamped when its answer came, the store keeps whole seconds.
            assertThat(closed.departure()).as("unplugged between %s and %s, as the bridge says", unplugging, unplugged)
                    .isBetween(unplugging.minusSeconds(2), unplugged.plusSeconds(4));
            assertThat(stopped).isBefore(unplugging);
            assertThat(departureSeen(left.id())).as("departure_seen of %s", left.id()).isEqualTo(1);

            JsonNode m = grid.await(r -> r.topic().endsWith("/sessions")
                    && r.json().path("sessionId").asText().equals(left.id()), 20_000).json();
            assertThat(m.path("departureSeen").isBoolean()).as("departureSeen in %s", m).isTrue();
            assertThat(m.path("departureSeen").asBoolean()).isTrue();
            assertThat(Instant.parse(m.path("departure").asText())).isEqualTo(closed.departure());
        }
    }

    @Test
    @Timeout(120)
    void aCarPluggedAnewWhileTheGatewayWasDownIsANewSession() throws Exception {
        rig = sessions.on(new LiveRig(1, 8, dir));
        await("every session open", WITHIN, rig::everySessionOpen);
        rig.gateway.loop().declare(0, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
        TestBridge p0 = rig.bridges.get(0);
        await("p0's car charging", WITHIN, () -> p0.sessionEnergyKwh() >= 0.02);
        SessionRecord first = sessions.openOn("p0");

        rig.stopGateway();
        p0.vehicle.unplug();
        await("p0 unplugged", WITHIN, () -> !p0.plugged());
        p0.vehicle.plugIn();
        await("p0 plugged in again", WITHIN, p0::plugged);
        rig.restartGateway();
        await("every session open again", WITHIN, rig::everySessionOpen);

        await("two sessions on p0", WITHIN, () -> sessions.stored("p0").size() == 2);
        List<SessionRecord> p0Sessions = sessions.stored("p0");
        assertThat(p0Sessions).filteredOn(s -> s.id().equals(first.id())).singleElement()
                .satisfies(s -> assertThat(s.departure()).as("the first session ended").isNotNull());
        assertThat(p0Sessions).filteredOn(s -> !s.id().equals(first.id())).singleElement()
                .satisfies(s -> assertThat(s.departure()).as("the second session open").isNull());
        assertThat(departureSeen(first.id())).as("the bridge's lastSession says when it was unplugged").isEqualTo(1);
    }

    /**
     * The car was unplugged and plugged in again while the gateway was down, before it had drawn anything (a full car):
     * the pile's counter read 0 at the stop and reads 0 again, so the counter cannot tell; the bridge's word on when
     * the car was plugged in, after the session was last seen, does.
     */
    @Test
    @Timeout(120)
    void aCarPluggedAnewBeforeItChargedWhileTheGatewayWasDownIsANewSession() throws Exception {
        rig = sessions.on(LiveRig.withFullCars(1, dir));
        TestBridge p0 = rig.bridges.get(0);
        SessionRecord first = sessions.openOn("p0");

        rig.stopGateway();
        Instant stopped = Instant.now();
        assertThat(p0.sessionEnergyKwh()).as("p0's counter at the stop").isZero();
        p0.vehicle.unplug();
        await("p0 unplugged", WITHIN, () -> !p0.plugged());
        // Well past the tolerance after the session's last sighting, which is before the stop.
        Instant replug = stopped.plus(SessionTracker.SAME_PLUG_IN_TOLERANCE).plusSeconds(2);
        while (Instant.now().isBefore(replug)) {
            Thread.sleep(50);
        }
        Instant plugging = Instant.now();
        p0.vehicle.plugIn();
        await("p0 plugged in again", WITHIN, p0::plugged);
        Instant plugged = Instant.now();
        assertThat(p0.sessionEnergyKwh()).as("p0's counter after the new plug-in").isZero();
        rig.restartGateway();

        await("two sessions on p0", WITHIN, () -> sessions.stored("p0").size() == 2);
        List<SessionRecord> p0Sessions = sessions.stored("p0");
        assertThat(p0Sessions).filteredOn(s -> s.id().equals(first.id())).singleElement().satisfies(s -> {
            assertThat(s.departure()).as("the first session ended when the bridge says it was unplugged").isNotNull()
                    .isBetween(stopped.minusSeconds(2), plugging);
            assertThat(s.pileEnergyKWh()).as("the counter it was last seen with").isZero();
        });
        assertThat(departureSeen(first.id())).isEqualTo(1);
        assertThat(p0Sessions).filteredOn(s -> !s.id().equals(first.id())).singleElement().satisfies(s -> {
            assertThat(s.departure()).as("the second session open").isNull();
            // pluggedSeconds is rounded down and the store keeps whole seconds.
            assertThat(s.arrival()).as("plugged in between %s and %s", plugging, plugged)
                    .isBetween(plugging.minusSeconds(2), plugged.plusSeconds(2));
        });
    }

    /** What the running gateway's last cycle counts as delivered to the session on pile {@code pileIndex}; NaN for none. */
    private double deliveredSeenByTheGateway(int pileIndex) {
        CycleResult last = rig.gateway.loop().lastResult();
        if (last == null) {
            return Double.NaN;
        }
        return last.plugged().stream()
                .filter(s -> s.pileIndex() == pileIndex)
                .mapToDouble(PluggedSession::deliveredKWh).findFirst().orElse(Double.NaN);
    }

    private int departureSeen(String id) throws Exception {
        sessions.flushed();
        try (StoreReader reader = rig.gateway.store().reader();
             PreparedStatement p = reader.connection().prepareStatement("SELECT departure_seen FROM sessions WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).as("a row for %s", id).isTrue();
                return r.getInt(1);
            }
        }
    }
}
