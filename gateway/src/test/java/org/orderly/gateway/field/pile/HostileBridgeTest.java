package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A bridge that breaks the contract against the real driver, on 127.0.0.1 (docs/firmware-bridge.md, "Hostile bridges"):
 * what each reply it should not send gets. Each starts well (a status taken), then says what it is made to.
 */
class HostileBridgeTest {

    private static CoapPileConfig config(HostileBridge bridge) {
        // A 3 s lease is renewed every second: a renewal taken is a notification, as a bridge's leaseExpiry moves.
        return CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                .with(LeaseTiming.ofSeconds(3), Duration.ofMillis(900), Duration.ofMillis(1500))
                .withRating(new PileRating(6, 32, 1));
    }

    /** A driver of {@code bridge}, once it has taken a status: the bridge has answered well, as it does before it breaks. */
    private static CoapPileDriver started(HostileBridge bridge, PileListener listener) throws InterruptedException {
        CoapPileDriver driver = CoapPileDriver.start(config(bridge), listener, Clock.systemUTC());
        try {
            Await.until("a status taken", Duration.ofSeconds(20), () -> driver.latest().isPresent());
        } catch (InterruptedException | RuntimeException | Error e) {
            driver.close();
            throw e;
        }
        return driver;
    }

    private static HostileBridge.Reply reply(ResponseCode code, String body, int contentFormat) {
        return new HostileBridge.Reply(code, body.getBytes(StandardCharsets.UTF_8), contentFormat);
    }

    @Test
    void aBridgeTakingEveryLimitWhileItsStatusesAreRefusedIsWarnedOfOnce() throws Exception {
        try (HostileBridge bridge = new HostileBridge(); CapturedLog log = new CapturedLog();
             CoapPileDriver driver = started(bridge, PileListener.none())) {
            // A draw above the pile's rating: every status from now on is refused, every limit taken.
            bridge.status.set(HostileBridge.Reply.json(HostileBridge.CHARGING.replace("3.52", "100")));
            int before = bridge.limits.size();
            // The control loop offers every cycle; each renewal taken moves the status, which is refused.
            Await.until("8 renewals taken", Duration.ofSeconds(60), () -> bridge.limits.size() >= before + 8,
                    () -> {
                        driver.offer(10);
                        Thread.sleep(100);
                    });
            Await.until("its status refused", Duration.ofSeconds(20),
                    () -> !log.lines("WARN", "pile P1", "MALFORMED: /status powerKw 100").isEmpty());
            assertThat(log.lines("WARN", "pile P1")).as(log.text()).hasSize(1);
            assertThat(log.lines("pile P1: answers again")).as("its statuses were never read again").isEmpty();
        }
    }

    @Test
    void aRefusalsReasonIsSaidOnOneLineAndCut() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HostileBridge bridge = new HostileBridge();
             CoapPileDriver driver = started(bridge, listener)) {
            bridge.status.set(reply(ResponseCode.INTERNAL_SERVER_ERROR, "boom\nWARN pile P2: forged " + "x".repeat(300),
                    MediaTypeRegistry.TEXT_PLAIN));
            bridge.notifyObservers();
            Await.until("the refusal reported", Duration.ofSeconds(20), () -> listener.has(PileFailureKind.SERVER_ERROR));
            String said = listener.failures.stream().filter(f -> f.kind() == PileFailureKind.SERVER_ERROR).findFirst()
                    .orElseThrow().message();
            assertThat(said).doesNotContain("\n").contains("5.00 INTERNAL_SERVER_ERROR: boom\\u000aWARN pile P2: forged x")
                    .endsWith("x...");
            // its first 120 characters (CoapFailures.MAX_REASON_CHARS), the line break written out, and "..."
            assertThat(said.substring(said.indexOf("boom"))).hasSize(120 + "\\u000a".length() - 1 + "...".length());
        }
    }

    @Test
    void aStatusLargerThanTheGatewayTakesIsMalformedAndSaidSo() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HostileBridge bridge = new HostileBridge();
             CoapPileDriver driver = started(bridge, listener)) {
            // 20 kB, sent block by block: more than Californium's 8192 bytes
            bridge.status.set(HostileBridge.Reply.json(HostileBridge.CHARGING.replace("{", "{\"x\":\"" + "y".repeat(20_000)
                    + "\",")));
            bridge.notifyObservers();
            Await.untilSeeing("the notification and the GET after it refused", Duration.ofSeconds(30),
                    () -> listener.failures.stream().anyMatch(f -> f.operation().startsWith("GET"))
                            && listener.failures.stream().anyMatch(f -> f.operation().startsWith("observe")),
                    () -> listener.failures);
            assertThat(listener.failures).allSatisfy(f -> {
                assertThat(f.kind()).as(f.toString()).isEqualTo(PileFailureKind.MALFORMED);
                assertThat(f.message()).contains("its reply is larger than the gateway takes (requested resource body"
                        + " [20145 bytes] exceeds max buffer size [8192 bytes], aborting request)");
            });
        }
    }

    @Test
    void aDrawWithoutEndIsSaidInAPowerOfTenNotInItsDigits() {
        byte[] status = HostileBridge.CHARGING.replace("3.52", "1e300").getBytes(StandardCharsets.UTF_8);
        PileIoException refused = org.assertj.core.api.Assertions.catchThrowableOfType(() -> StatusJson.parse("P1",
                status, Instant.EPOCH, new Tick(0), Optional.of(new PileRating(6, 32, 1))), PileIoException.class);
        assertThat(refused.getMessage()).isEqualTo("/status powerKw 1.0E300 is more than pile P1 can draw: 32 A on 1 phase"
                + " at 300 V is 9.6 kW");
    }

    static List<Arguments> malformedReplies() {
        int json = MediaTypeRegistry.APPLICATION_JSON;
        String ok = HostileBridge.CHARGING;
        return List.of(
                Arguments.of("CBOR", new HostileBridge.Reply(ResponseCode.CONTENT,
                                new byte[] {(byte) 0xa1, 0x65, 's', 't', 'a', 't', 'e', 0x61, 'C'}, MediaTypeRegistry.APPLICATION_CBOR),
                        PileFailureKind.MALFORMED, "/status not JSON: invalid UTF-8 start byte 0xa1 at line 1, column 2"),
                Arguments.of("nesting", reply(ResponseCode.CONTENT, ok.replace("{", "{\"x\":" + "[".repeat(1500)
                        + "]".repeat(1500) + ","), json), PileFailureKind.MALFORMED,
                        "/status not JSON: nesting deeper than 1000 arrays and objects"),
                Arguments.of("too small", reply(ResponseCode.CONTENT, ok.replace("1.0,", "1e-400,"), json),
                        PileFailureKind.MALFORMED, "/status \"sessionEnergyKwh\": 1e-400 (line 1, column 67) is too small"
                                + " a number to hold: it would be read as 0"),
                Arguments.of("NaN", reply(ResponseCode.CONTENT, ok.replace("16.0", "NaN"), json),
                        PileFailureKind.MALFORMED, "/status not JSON: non-standard token 'NaN' at line 1, column 31"),
                Arguments.of("4.04", reply(ResponseCode.NOT_FOUND, "", 0), PileFailureKind.REJECTED, "4.04 NOT_FOUND"),
                Arguments.of("5.03", reply(ResponseCode.SERVICE_UNAVAILABLE, "stopping", 0), PileFailureKind.BUSY,
                        "5.03 SERVICE_UNAVAILABLE: stopping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedReplies")
    void aStatusItShouldNotSendIsReportedAndNotTaken(String what, HostileBridge.Reply sent, PileFailureKind kind,
                                                     String said) throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HostileBridge bridge = new HostileBridge();
             CoapPileDriver driver = started(bridge, listener)) {
            bridge.status.set(sent);
            bridge.notifyObservers();
            Await.untilSeeing("the reply reported", Duration.ofSeconds(20), () -> listener.has(kind),
                    () -> listener.failures);
            assertThat(listener.failures).filteredOn(f -> f.kind() == kind).first()
                    .satisfies(f -> assertThat(f.message()).contains(said));
            // The last status taken stands, aging (a GET before the change may have taken the same again).
            assertThat(driver.latest()).as("the last status taken").map(PileState::powerKw).contains(3.52);
        }
    }
}
