package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.GridCap;

/**
 * A grid cap reaches the page as the control loop used it: the limit in force, the alarm, the chart's cap band, and
 * the reason on the piles it holds back (live gateway, real bridges and meter on 127.0.0.1).
 */
class WebGridCapTest {
    @TempDir
    Path dir;

    @Test
    void aCapIsShownAsTheLoopUsedIt() throws Exception {
        List<GridCap> caps = new CopyOnWriteArrayList<>();
        try (WebRig rig = new WebRig(3, dir, () -> List.copyOf(caps))) {
            ApiClient api = new ApiClient(rig.base);
            assertThat(api.setup(rig.setupToken(), "li", "0123456789ab").status()).isEqualTo(200);
            // Every car must charge now (leaves in 40 minutes, needs 20 kWh), so the cap, not the price, holds them.
            for (int i = 0; i < 3; i++) {
                String departure = LocalDateTime.now(rig.zone).plusMinutes(40).withSecond(0).withNano(0).toString();
                WebRig.await("car on p" + i + " seen", Duration.ofSeconds(10),
                        () -> overview(api).get("plugged").asInt() == 3);
                assertThat(api.post("/api/piles/p" + i + "/reservation",
                        "{\"departure\":\"" + departure + "\",\"energyKwh\":20}").status()).isEqualTo(202);
            }
            caps.add(new GridCap("dispatch-7", Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 9));

            WebRig.await("the cap in force on the page", Duration.ofSeconds(10), () -> {
                JsonNode o = overview(api);
                return o.get("capKw").isNumber() && o.get("limitNowKw").asDouble() == 9;
            });
            WebRig.await("the grid-cap alarm", Duration.ofSeconds(5), () -> {
                for (JsonNode a : overview(api).get("alarms")) {
                    if (a.get("kind").asText().equals("GRID_CAP") && a.get("clearedAt").isNull()) {
                        return true;
                    }
                }
                return false;
            });
            WebRig.await("a pile held back by the cap", Duration.ofSeconds(10), () -> {
                for (JsonNode p : overview(api).get("piles")) {
                    if (p.get("reason").asText().equals("GRID_CAP")) {
                        return true;
                    }
                }
                return false;
            });
            JsonNode chart = api.get("/api/chart").body();
            assertThat(chart.get("caps")).hasSize(1);
            assertThat(chart.get("caps").get(0).get("value").asDouble()).isEqualTo(9);
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
