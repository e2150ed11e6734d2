package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A bridge whose {@code /info} said it takes {@code pileId} refuses a limit naming P1 for another pile's, P2, whole in
 * JSON, and then leaves its {@code /info} unanswered: the driver withholds limits within that sending, the refusal is
 * reported, and the pile's limits are no longer tried, so that an outage of its statuses while it is held is said (a
 * WARN of its own, though of the refusal's kind) and said to end. Until 2026-12-07 the sending's failure was put back
 * after the withholding had forgotten it: the outage was a DEBUG line, and the pile never answered again.
 */
class LimitRefusedForAnotherPileTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String INFO_TAKING_PILE_ID = "{\"pileId\":\"P1\",\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0,"
            + "\"limitOptionalKeys\":[\"pileId\"]}";

    private static HostileBridge.Reply reply(ResponseCode code, String body, int contentFormat) {
        return new HostileBridge.Reply(code, body.getBytes(StandardCharsets.UTF_8), contentFormat);
    }

    @Test
    void aStatusOutageWhileHeldForAnotherPilesRefusalIsSaidAndEnds() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HostileBridge bridge = new HostileBridge(); CapturedLog log = new CapturedLog()) {
            bridge.info.set(HostileBridge.Reply.json(INFO_TAKING_PILE_ID));
            CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                    .with(LeaseTiming.ofSeconds(3), Duration.ofMillis(900), Duration.ofMillis(1500));
            try (CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC())) {
                Await.untilSeeing("its /info read: it takes pileId", WITHIN, () -> driver.bridgeInfo()
                        .flatMap(BridgeInfoCheck.Result::said).map(BridgeInfo::limitTakesPileId).orElse(false),
                        driver::bridgeInfo);

                bridge.info.set(null);
                bridge.limitReply.set(reply(ResponseCode.FORBIDDEN, "{\"reason\":\"limit for pile \\\"P1\\\" sent to pile"
                        + " \\\"P2\\\"\",\"pileId\":\"P2\"}", MediaTypeRegistry.APPLICATION_JSON));
                driver.offer(10);
                Await.untilSeeing("held as pile P2's", WITHIN, () -> driver.answersAs().equals(Optional.of("P2")),
                        driver::answersAs);
                Await.untilSeeing("the refusal reported", WITHIN, () -> listener.failures.stream()
                        .anyMatch(f -> f.message().contains("4.03 FORBIDDEN")), () -> listener.failures);

                bridge.status.set(reply(ResponseCode.NOT_FOUND, "", 0));
                bridge.notifyObservers();
                Await.untilSeeing("its status refused", WITHIN, () -> listener.failures.stream()
                        .anyMatch(f -> f.message().contains("4.04 NOT_FOUND")), () -> listener.failures);
                bridge.status.set(HostileBridge.Reply.json(HostileBridge.CHARGING));
                Await.untilSeeing("the pile answers again", WITHIN, () -> listener.recoveries.contains("P1"),
                        () -> listener.failures);
                assertThat(log.lines("WARN", "pile P1", "4.04 NOT_FOUND")).as(log.text()).hasSize(1);
                assertThat(bridge.limits).as("limits sent: the one refused").hasSize(1);
            }
        }
    }
}
