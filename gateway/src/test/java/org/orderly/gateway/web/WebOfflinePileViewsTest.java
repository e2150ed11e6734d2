package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Mosquitto;

/**
 * The page, {@code /api/overview} and telemetry say the same of a pile the gateway cannot hear (a live gateway on
 * 127.0.0.1 with real bridges, meter and Mosquitto): it is offline, not plugged in; its last report is not what it
 * draws now, so its row shows no power and the EV load leaves it out. Until 2026-12-02 the overview counted it as
 * plugged in (3 plugged, telemetry 1 plugged and 2 offline) and its row showed its last 3.50 kW.
 */
@Timeout(120)
class WebOfflinePileViewsTest {
    @TempDir
    Path dir;

    @Test
    void anOfflinePileIsNotPluggedInAndDrawsNothingShownOnEveryView() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), "gw-test");
             WebRig rig = WebRig.withOffline(3, dir, LiveRig.Offline.QUICK, """
                     upstream:
                       broker: %s
                       plaintext: true
                       telemetryPeriodMs: 250
                     """.formatted(broker.url()))) {
            ApiClient api = new ApiClient(rig.base);
            assertThat(api.setup(rig.setupToken(), "li", "0123456789ab").status()).isEqualTo(200);
            WebRig.await("three piles plugged in", Duration.ofSeconds(15),
                    () -> overview(api).get("plugged").asInt() == 3);

            rig.live.bridges.get(1).silence();
            WebRig.await("p1 offline as the cycle finds it", Duration.ofSeconds(40),
                    () -> overview(api).get("piles").get(1).path("reason").asText().equals("PILE_OFFLINE"));
            JsonNode o = overview(api);
            JsonNode p1 = o.get("piles").get(1);
            assertThat(o.get("plugged").asInt()).as("the overview's plugged: %s", o).isEqualTo(2);
            assertThat(o.get("offline").asInt()).as("the overview's offline").isEqualTo(1);
            assertThat(p1.get("kw").isNull()).as("p1's row shows no power: %s", p1).isTrue();
            assertThat(p1.get("plugged").asBoolean()).as("p1's row is not said plugged in").isFalse();
            double rowsKw = 0;
            for (JsonNode p : o.get("piles")) {
                rowsKw += p.get("kw").isNull() ? 0 : p.get("kw").asDouble();
            }
            assertThat(o.get("evKw").asDouble()).as("the EV card is the rows' sum")
                    .isCloseTo(rowsKw, org.assertj.core.data.Offset.offset(1e-6));

            GridSide.Received t = grid.await(r -> r.topic().equals("orderly/v1/gw-test/telemetry")
                    && r.json().path("piles").path("offline").asInt() == 1, 20_000);
            JsonNode now = overview(api);
            assertThat(t.json().path("piles").path("plugged").asInt()).as("telemetry's plugged: %s", t.json())
                    .isEqualTo(now.get("plugged").asInt());
            assertThat(t.json().path("piles").path("offline").asInt()).isEqualTo(now.get("offline").asInt());
        }
    }

    private static JsonNode overview(ApiClient api) {
        try {
            return api.get("/api/overview").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
