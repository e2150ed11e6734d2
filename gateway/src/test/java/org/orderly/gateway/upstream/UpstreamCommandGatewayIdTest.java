package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.orderly.gateway.core.model.GridCap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A command published to this gateway's topic but naming another gateway in its {@code gatewayId} (a routing fault on
 * the grid side) is rejected and changes nothing, a cap so rejected with a {@code cap.rejected} event as any other;
 * one naming this gateway is taken as one naming none. Through a real Mosquitto.
 */
class UpstreamCommandGatewayIdTest {
    private static final String GW = "gw-1";
    private static final String CAP = "orderly/v1/" + GW + "/cmd/cap";
    private static final String HISTORY = "orderly/v1/" + GW + "/cmd/history";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aCommandNamingAnotherGatewayIsRejectedAndChangesNothing() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String window = "\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\"" + now.plus(Duration.ofHours(2)) + "\"";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(Duration.ofMillis(200)))) {
            rig.awaitConnected(20_000);

            JsonNode other = grid.request(CAP, "{\"v\":1,\"id\":\"cap-gw2\",\"gatewayId\":\"gw-2\"," + window
                    + ",\"limitKw\":60}", "c-1", 10_000);
            assertThat(other.path("status").asText()).as("reply %s", other).isEqualTo("rejected");
            assertThat(other.path("requestId").asText()).isEqualTo("cap-gw2");
            assertThat(other.path("reason").asText()).isEqualTo("gatewayId: this is gw-1; the command names gw-2");
            JsonNode event = grid.await(r -> r.json().path("kind").asText().equals("cap.rejected")
                    && r.json().path("subject").asText().equals("cap-gw2"), 10_000).json();
            assertThat(event.path("message").asText()).isEqualTo("gatewayId: this is gw-1; the command names gw-2");
            assertThat(rig.upstream.caps().get()).as("gw-2's cap is not applied to gw-1").isEmpty();

            JsonNode wrongKind = grid.request(CAP, "{\"v\":1,\"id\":\"cap-kind\",\"gatewayId\":1," + window
                    + ",\"limitKw\":60}", "c-2", 10_000);
            assertThat(wrongKind.path("reason").asText()).as("reply %s", wrongKind)
                    .isEqualTo("gatewayId: must be a string, not 1");

            JsonNode history = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-gw2\",\"gatewayId\":\"gw-2\",\"from\":\""
                    + now.minusSeconds(600) + "\",\"to\":\"" + now + "\"}", "h-1", 10_000);
            assertThat(history.path("status").asText()).as("reply %s", history).isEqualTo("rejected");
            assertThat(history.path("reason").asText()).isEqualTo("gatewayId: this is gw-1; the command names gw-2");

            JsonNode own = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-own\",\"gatewayId\":\"gw-1\",\"from\":\""
                    + now.minusSeconds(600) + "\",\"to\":\"" + now + "\"}", "h-2", 10_000);
            assertThat(own.path("status").asText()).as("reply %s", own).isEqualTo("ok");

            JsonNode mine = grid.request(CAP, "{\"v\":1,\"id\":\"cap-gw1\",\"gatewayId\":\"gw-1\"," + window
                    + ",\"limitKw\":60}", "c-3", 10_000);
            assertThat(mine.path("status").asText()).as("reply %s", mine).isEqualTo("accepted");
            assertThat(rig.upstream.caps().get()).extracting(GridCap::id).containsExactly("cap-gw1");
        }
    }
}
