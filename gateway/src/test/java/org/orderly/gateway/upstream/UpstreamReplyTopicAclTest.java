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
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The broker's ACL that docs/upstream.md ("Security") recommends, each gateway publishing only under its own
 * {@code orderly/v1/{gatewayId}/}, and the response topic a grid side chooses (a real Mosquitto 2 with an
 * {@code acl_file}): a response topic under the gateway's root is answered there; one outside it ({@code grid/...}) is
 * refused by the broker (PUBACK 0x87), and that reply is lost while the cap is applied all the same, as the page says
 * ("Commands"), so that a grid side knows where to put its response topic. The gateway says the refusal in one WARN
 * naming the command, the topic, the reason code and where the topic must be; until 2026-12-05 it did not read a
 * reply's PUBACK and said nothing.
 */
class UpstreamReplyTopicAclTest {
    private static final String GW = "gw-acl";
    private static final String CAP = "orderly/v1/" + GW + "/cmd/cap";
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aReplyGoesWhereTheBrokerLetsTheGatewayPublishAndIsSaidRefusedElsewhere() throws Exception {
        List<String> acl = List.of("topic read #", "topic write orderly/v1/" + GW + "/#");
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant to = from.plus(Duration.ofHours(1));
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.startWithAcl(dir.resolve("broker"), acl)) {
            String outside = "grid/replies/" + GW;
            GridSide denied = new GridSide(broker.url(), GW, outside);
            GridSide allowed = new GridSide(broker.url(), GW, "orderly/v1/" + GW + "/replies/grid-7");
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), GW,
                    UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(Duration.ofMillis(500)));
            try {
                denied.await(r -> r.topic().endsWith("/telemetry"), 30_000);
                allowed.await(r -> r.topic().endsWith("/telemetry"), 30_000);

                assertThat(denied.request(CAP, cap("cap-out", from, to, 40), "c-out", 1)).isNull();
                Await.until("the broker's denial of the reply on " + outside, Duration.ofSeconds(20),
                        () -> broker.log().contains("Denied PUBLISH from " + GW)
                                && broker.log().contains("'" + outside + "'"));
                denied.await(r -> r.json().path("kind").asText().equals("cap.accepted")
                        && r.json().path("subject").asText().equals("cap-out"), 20_000);
                assertThat(rig.upstream.caps().get()).extracting(GridCap::id).as("applied all the same")
                        .containsExactly("cap-out");
                assertThat(denied.repliesNotTaken()).as("replies on " + outside).isZero();
                String said = "reply to command cap-out on " + outside + " refused by the broker (reason code 0x87)";
                Await.until("the gateway's word of the refused reply", Duration.ofSeconds(20),
                        () -> !log.lines("WARN", said).isEmpty());
                assertThat(log.lines("WARN", said)).as("the gateway's word of the refused reply").singleElement()
                        .asString().contains("the response topic must be under orderly/v1/" + GW + "/ where the"
                                + " broker's ACL lets the gateway publish");

                JsonNode reply = allowed.request(CAP, cap("cap-in", from, to, 30), "c-in", 20_000);
                assertThat(reply).as("the reply under the gateway's own root").isNotNull();
                assertThat(reply.path("requestId").asText()).isEqualTo("cap-in");
                assertThat(reply.path("status").asText()).isEqualTo("accepted");
            } finally {
                rig.close();
                denied.close();
                allowed.close();
            }
        }
    }

    private static String cap(String id, Instant from, Instant to, double limitKw) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"limitKw\":" + limitKw + "}";
    }
}
