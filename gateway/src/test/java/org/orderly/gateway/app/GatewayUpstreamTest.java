package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Mosquitto;

/**
 * The whole gateway with an {@code upstream:} section, against a real Mosquitto, real bridges and a real meter: it
 * reports telemetry, and a grid cap sent over MQTT is acted on at once, by the Limiter (the bridges' leases drop
 * within the cap) and by the Planner (a new plan is published right after).
 */
class GatewayUpstreamTest {
    private static final int PILES = 3;
    private static final double HOUSEHOLD_KW = 10;
    private static final double CAP_KW = 15;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aGridCapLowersTheLeasesAndTriggersANewPlan() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-test");
             LiveRig rig = new LiveRig(PILES, HOUSEHOLD_KW, dir, """
                     upstream:
                       broker: %s
                       plaintext: true
                       telemetryPeriodMs: 250
                     """.formatted(broker.url()))) {
            await("every bridge leased and every session open", Duration.ofSeconds(10),
                    rig::everySessionOpen);
            Instant departure = Instant.now().plus(Duration.ofHours(1));
            for (int i = 0; i < PILES; i++) {
                rig.gateway.loop().declare(i, new Declaration(departure, 40));
            }
            await("cars drawing more than the cap will allow", Duration.ofSeconds(15),
                    () -> rig.evKw() > CAP_KW - HOUSEHOLD_KW + 2);
            // The piles report their draw within a cycle; the transformer meter shows it at its next poll, so the first
            // telemetry with cars charging may still show the households alone: wait for one that shows both.
            JsonNode t = grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("evKw").asDouble() > 0
                    && r.json().path("piles").path("plugged").asInt() == PILES
                    && r.json().path("transformerKw").asDouble() > HOUSEHOLD_KW, 20_000).json();
            assertThat(t.path("limitKw").asDouble()).isEqualTo(LiveRig.LIMIT_KW);
            assertThat(t.path("mode").asText()).isEqualTo("normal");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            JsonNode reply = grid.request("orderly/v1/gw-test/cmd/cap", "{\"v\":1,\"id\":\"peak-1\",\"from\":\""
                    + now.minusSeconds(5) + "\",\"to\":\"" + now.plus(Duration.ofHours(1)) + "\",\"limitKw\":" + CAP_KW
                    + "}", "peak-1", 10_000);
            assertThat(reply.path("status").asText()).isEqualTo("accepted");
            Instant accepted = Instant.now();

            await("the bridges' leases within the cap", Duration.ofSeconds(5),
                    () -> rig.offeredKw() <= CAP_KW - HOUSEHOLD_KW + 0.05);
            GridSide.Received plan = grid.await(r -> r.topic().endsWith("/plan")
                    && !Instant.parse(r.json().path("createdAt").asText()).isBefore(accepted.minusSeconds(1)), 20_000);
            assertThat(plan.json().path("slots").size()).isPositive();
            grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("limitKw").asDouble() == CAP_KW, 10_000);
            System.out.printf("GatewayUpstreamTest: EV offered %.2f kW under a %.0f kW cap with %.0f kW households%n",
                    rig.offeredKw(), CAP_KW, HOUSEHOLD_KW);
        }
    }
}
