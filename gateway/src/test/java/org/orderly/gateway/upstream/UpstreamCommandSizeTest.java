package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A command far larger than the contract's 4096 bytes, through a real Mosquitto with no size limit of its own (its
 * default takes packets up to 256 MB). Over MQTT v5 the gateway announces a Maximum Packet Size at CONNECT, so the
 * broker drops such a command instead of sending it (MQTT 5, 3.1.2.11.4) and Paho never reads it into memory; one
 * larger than the contract but within that size is still answered {@code oversized}. Over MQTT 3.1.1, which cannot
 * announce a size, the command arrives and is rejected by its size before it is parsed or queued, with one log line.
 */
class UpstreamCommandSizeTest {
    private static final String GW = "gw-size";
    private static final String CAP = "orderly/v1/" + GW + "/cmd/cap";
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void overMqtt5TheBrokerNeverSendsACommandLargerThanTheGatewayAnnounced() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW))) {
            rig.awaitConnected(20_000);
            assertThat(rig.upstream.link().connected()).isTrue();

            JsonNode huge = grid.request(CAP, padded("huge", 1 << 20), "c-huge", 0);
            Await.until("Mosquitto saying it dropped the message for the gateway", Duration.ofSeconds(30),
                    () -> broker.log().contains("Dropping too large outgoing PUBLISH for " + GW));
            assertThat(huge).as("a reply to a 1 MB command (the broker must not have sent it)").isNull();

            // Commands are answered in the order they came: a reply to the huge one would come before this one's, and
            // GridSide.request fails on a reply with another correlation.
            JsonNode over = grid.request(CAP, padded("over", MqttLink.MAX_INCOMING_PACKET_BYTES / 2), "c-over", 10_000);
            assertThat(over).as("a reply to a command within the announced size but over the contract's").isNotNull();
            assertThat(over.path("reason").asText()).startsWith("oversized:");

            JsonNode ok = grid.request(CAP, okCap("cap-ok"), "c-ok", 10_000);
            assertThat(ok.path("status").asText()).as("the link still takes commands: %s", ok).isEqualTo("accepted");
            assertThat(rig.upstream.link().connects()).as("the connection held").isEqualTo(1);
        }
    }

    @Test
    @Timeout(120)
    void overMqtt311AHugeCommandIsRejectedByItsSizeWithOneLogLine() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withProtocol(MqttProtocol.MQTT311));
             CapturedLog log = new CapturedLog()) {
            rig.awaitConnected(20_000);
            int bytes = 1 << 20;
            grid.send(CAP, padded("huge", bytes));
            GridSide.Received reply = grid.await(r -> r.topic().endsWith("/replies"), 20_000);
            assertThat(reply.json().path("status").asText()).isEqualTo("rejected");
            assertThat(reply.json().path("reason").asText()).startsWith("oversized: ").contains("at most 4096");
            // Commands are handled one at a time, in order: once the next one is answered, all the huge one made the
            // gateway log is in the log.
            grid.send(CAP, okCap("cap-after"));
            grid.await(r -> r.topic().endsWith("/replies")
                    && r.json().path("requestId").asText().equals("cap-after"), 20_000);
            assertThat(log.lines("oversized")).as("log lines about it").hasSize(1);
            assertThat(log.lines("oversized").get(0)).as("a line, not the payload").hasSizeLessThan(1000);
        }
    }

    /** A cap command the gateway accepts: 60 kW for the hour from now. */
    private static String okCap(String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "{\"v\":1,\"id\":\"" + id + "\",\"from\":\"" + now + "\",\"to\":\"" + now.plus(Duration.ofHours(1))
                + "\",\"limitKw\":60}";
    }

    /** A cap command padded with a field of {@code pad} bytes. */
    private static String padded(String id, long pad) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"pad\":\"" + "x".repeat((int) pad) + "\"}";
    }
}
