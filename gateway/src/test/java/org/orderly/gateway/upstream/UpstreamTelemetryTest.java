package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/** Against a real Mosquitto on loopback: the gateway says it is online, and telemetry arrives as the contract says. */
class UpstreamTelemetryTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void telemetryAndStateArriveAtTheGridSide() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-t");
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-t",
                     UpstreamRig.plaintext(broker.url(), "gw-t").withTelemetryPeriod(Duration.ofMillis(200)))) {
            GridSide.Received state = grid.await(r -> r.topic().equals("orderly/v1/gw-t/state"), 20_000);
            assertThat(state.json().path("state").asText()).isEqualTo("online");
            try (GridSide late = new GridSide(broker.url(), "gw-t")) {
                GridSide.Received kept = late.await(r -> r.topic().equals("orderly/v1/gw-t/state"), 10_000);
                assertThat(kept.retained()).as("a subscriber arriving later gets the state retained").isTrue();
                assertThat(kept.json().path("state").asText()).isEqualTo("online");
            }

            GridSide.Received t = grid.await(r -> r.topic().equals("orderly/v1/gw-t/telemetry"), 20_000);
            JsonNode j = t.json();
            assertThat(j.path("v").asInt()).isEqualTo(1);
            assertThat(j.path("type").asText()).isEqualTo("telemetry");
            assertThat(j.path("gatewayId").asText()).isEqualTo("gw-t");
            assertThat(j.path("id").asText()).isEqualTo("gw-t:" + j.path("seq").asLong());
            assertThat(Instant.parse(j.path("ts").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(j.path("transformerKw").asDouble()).isEqualTo(50.0);
            assertThat(j.path("baseKw").asDouble()).isEqualTo(43.0);
            assertThat(j.path("evKw").asDouble()).isEqualTo(7.0);
            assertThat(j.path("limitKw").asDouble()).isEqualTo(100.0);
            assertThat(j.path("headroomKw").asDouble()).isEqualTo(50.0);
            assertThat(j.get("phaseCurrentsA").isNull()).as("no meter readings in this rig").isTrue();
            assertThat(j.path("flex").path("shedKw").asDouble()).isEqualTo(7.0);
            // one plugged three-phase pile at 16 A x 3 x 220 V = 10.56 kW possible, 7 kW drawn
            assertThat(j.path("flex").path("addKw").asDouble()).isCloseTo(3.56, org.assertj.core.data.Offset.offset(0.01));
            assertThat(j.path("mode").asText()).isEqualTo("normal");
            assertThat(j.path("piles").path("total").asInt()).isEqualTo(2);
            assertThat(j.path("piles").path("plugged").asInt()).isEqualTo(1);
            assertThat(j.path("piles").path("charging").asInt()).isEqualTo(1);
        }
    }
}
