package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A firmware-bridge whose meter says its session took 500 kWh while its car stays plugged in, against the live gateway,
 * its page and a real Mosquitto on 127.0.0.1: the session energy bound ({@code field/pile/SessionEnergyBound},
 * docs/firmware-bridge.md, "GET /status") refuses every such status, so the pile goes unheard (offline) rather than
 * counted, and neither the page's figures of today ({@code /api/overview}) nor the upstream {@code session} message of
 * the session once its car is unplugged carry the count. Until 2026-12-06 such a count was the session's delivered
 * energy, there and in the store.
 */
class AbsurdSessionEnergyLiveTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final double ABSURD_KWH = 500;
    /** What the car takes before its meter goes wrong. */
    private static final double COUNTED_KWH = 0.005;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void anAbsurdCountReachesNeitherThePageNorUpstream() throws Exception {
        AtomicReference<AbsurdCountingCar> car = new AtomicReference<>();
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-test");
             WebRig rig = WebRig.withOffline(1, dir, LiveRig.Offline.QUICK, """
                     upstream:
                       broker: %s
                       plaintext: true
                     """.formatted(broker.url()), id -> TestBridge.withCar(id, c -> {
                         car.set(new AbsurdCountingCar(c));
                         return car.get();
                     }))) {
            LiveRig live = rig.live;
            ApiClient page = PageAlarms.signedIn(rig);
            Await.until("every session open", WITHIN, live::everySessionOpen);
            // Declared more than the car can take in the hour, so that the plan charges it now.
            live.gateway.loop().declare(0, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
            TestBridge bridge = live.bridges.get(0);
            Await.until("p0's car counting " + COUNTED_KWH + " kWh", WITHIN,
                    () -> bridge.sessionEnergyKwh() >= COUNTED_KWH);

            car.get().sayAbsurdly(ABSURD_KWH);
            Await.until("the bridge saying " + ABSURD_KWH + " kWh", WITHIN,
                    () -> bridge.sessionEnergyKwh() == ABSURD_KWH);
            // Every status refused, the pile's last one taken grows old: offline, its session held, not counted 500 kWh.
            Await.until("p0 offline, every status with " + ABSURD_KWH + " kWh refused",
                    WITHIN.plus(LiveRig.Offline.QUICK.pileOfflineAfter()), () -> {
                        CycleResult last = live.gateway.loop().lastResult();
                        return last != null && last.reasons().get(0) == PileReason.PILE_OFFLINE;
                    });
            JsonNode today = PageAlarms.overview(page).path("today");
            assertThat(today.path("evKwh").asDouble()).as("the page's energy of today, %s", today).isLessThan(1);

            bridge.unplug();
            JsonNode session = grid.await(r -> r.topic().endsWith("/sessions"), 30_000).json();
            assertThat(session.path("deliveredKwh").asDouble()).as("the upstream session message %s", session)
                    .isGreaterThan(0).isLessThan(1);
            assertThat(PageAlarms.overview(page).path("today").path("evKwh").asDouble())
                    .as("the page's energy of today once the session ended").isLessThan(1);
        }
    }
}
