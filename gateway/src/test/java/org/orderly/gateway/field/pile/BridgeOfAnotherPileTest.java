package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A driver whose configured address reaches the bridge of another pile (the real firmware-bridge, in this JVM, on
 * 127.0.0.1), as when two piles' addresses are swapped in the configuration. Over plain CoAP, and over DTLS where the
 * two bridges share one PSK identity and key, only {@code /info}'s {@code pileId} tells: the driver gives that bridge
 * no limit and says nothing of its statuses, until the bridge there says it is this pile. Over DTLS with each pile's
 * own identity and key (as docs/firmware-bridge.md has it) the handshake fails first: nothing is heard at all.
 */
class BridgeOfAnotherPileTest {

    /** A bound for a failure, not a time the driver promises. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    /** Renewed every 1 s: a limit that went out would be on the bridge well within the test's look. */
    private static final LeaseTiming SHORT_LEASE = LeaseTiming.ofSeconds(5);

    private InProcessBridge bridge;
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void overPlainCoapTheOtherPilesBridgeIsGivenNoLimitAndItsStatusIsNotThisPilesUntilItIsThisPile() throws Exception {
        bridge = new InProcessBridge("P2");
        int port = bridge.plainPort();
        // Re-registered after 1.5 s of silence, /info read again each time.
        CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", port)
                .with(SHORT_LEASE, Duration.ofMillis(500), Duration.ofMillis(1_500))
                .withRating(new PileRating(6, 32, 1));
        try (CapturedLog log = new CapturedLog(); CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC())) {
            Await.untilSeeing("the bridge's /info read", GIVE_UP, () -> driver.answersAs().isPresent(), driver::bridgeInfo);
            assertThat(driver.answersAs()).contains("P2");
            assertThat(driver.latest()).as("P2's status is not P1's").isEmpty();
            assertThat(driver.fallback().amps()).as("the configured safe current").isEqualTo(6.0);

            driver.offer(16.0); // as a control cycle would not, the pile unheard: the driver does not send it either
            Thread.sleep(3_000); // three renewal periods
            assertThat(bridge.pile.leaseExpiry()).as("no limit reached the other pile's bridge").isEmpty();
            assertThat(driver.acknowledges(16.0)).isFalse();
            assertThat(log.lines("WARN", "pile P1: the bridge at coap://127.0.0.1:" + port + " says it is pile \"P2\"",
                    "not \"P1\"", "no limits")).as("said once, though /info is read at each re-registration").hasSize(1);

            bridge.close(); // the installer restarts the bridge there as --pile P1
            bridge = new InProcessBridge("P1", port, 0);
            Await.untilSeeing("the bridge read as P1's again", GIVE_UP, () -> driver.answersAs().isEmpty()
                    && driver.latest().isPresent(), driver::bridgeInfo);
            driver.offer(16.0);
            Await.untilSeeing("the limit on the bridge", GIVE_UP, () -> bridge.ampsOffered() == 16.0, bridge::ampsOffered);
            assertThat(log.lines("INFO", "pile P1: /info now agrees")).hasSize(1);
        }
    }

    @Test
    void overDtlsWithEachPilesOwnKeyTheHandshakeFailsAndNothingIsHeard() throws Exception {
        bridge = new InProcessBridge("P2", 0, 0, "gateway-P2", "secret-P2-key");
        CoapPileConfig config = CoapPileConfig.dtls("P1", "127.0.0.1", bridge.dtlsPort(),
                        PilePsk.ofUtf8(InProcessBridge.IDENTITY, InProcessBridge.KEY))
                .with(LeaseTiming.defaults(), Duration.ofSeconds(3), Duration.ofSeconds(30));
        try (CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC())) {
            Await.untilSeeing("the observation's handshake failing", Duration.ofSeconds(30), () -> listener.failures.stream()
                    .anyMatch(f -> f.kind() == PileFailureKind.HANDSHAKE), () -> listener.failures);
            assertThat(driver.latest()).isEmpty();
            assertThat(driver.answersAs()).as("nothing read: /info is not reached either").isEmpty();
        }
        assertThat(bridge.pile.leaseExpiry()).isEmpty();
    }

    @Test
    void overDtlsWithAKeySharedByBothPilesInfoTellsAndTheBridgeIsGivenNoLimit() throws Exception {
        bridge = new InProcessBridge("P2"); // the same identity and key as P1's
        CoapPileConfig config = CoapPileConfig.dtls("P1", "127.0.0.1", bridge.dtlsPort(),
                PilePsk.ofUtf8(InProcessBridge.IDENTITY, InProcessBridge.KEY));
        try (CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC())) {
            Await.untilSeeing("the bridge's /info read", GIVE_UP, () -> driver.answersAs().isPresent(), driver::bridgeInfo);
            assertThat(driver.answersAs()).contains("P2");
            assertThat(driver.latest()).isEmpty();
            driver.offer(16.0);
            Thread.sleep(1_000);
            assertThat(bridge.pile.leaseExpiry()).as("no limit reached the other pile's bridge").isEmpty();
        }
    }
}
