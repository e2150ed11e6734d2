package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * The real firmware-bridge of pile P1 (in this JVM, on 127.0.0.1, behind a relay that reads the bridge's answers) is
 * stopped and one of another pile started on its port. A bridge from 2026-12-06 on refuses the next renewal naming P1
 * and says its own pile id whole, in JSON; one of the first build that took {@code pileId} says it only in its prose
 * reason, cut at 40 characters. Either way no renewal is applied, the driver holds the pile by the other pile's whole id
 * (the JSON refusal's, with its {@code /info} dropped; or its {@code /info}'s, read at once) and says the one WARN once.
 * Until 2026-12-06 the gateway read the id from the prose only, cut: an id over 40 characters was held cut until
 * {@code /info} was read, and the WARN said twice.
 */
class AnotherPileRefusalTest extends RelayedBridgeRestart {

    /** The other pile: P2, or an id of 52 characters, over the 40 a refusal's reason says of it. */
    @ParameterizedTest(name = "{0} bridge of {1}")
    @CsvSource({"JSON, P2", "JSON, " + "garage-left-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "PROSE, P2", "PROSE, " + "garage-left-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void aBridgeOfAnotherPileIsHeldByItsWholeIdAndSaidOnce(String refusal, String other) throws Exception {
        bridge = new InProcessBridge("P1");
        int port = bridge.plainPort();
        try (CapturedLog log = new CapturedLog(); CoapPileDriver driver = drivenAt16(port)) {
            boolean json = refusal.equals("JSON");
            // Its /info dropped: the refusal alone says its whole id. A prose refusal's cut id needs the /info read.
            dropInfo = json;
            restart(() -> json ? new InProcessBridge(other, port, 0) : InProcessBridge.refusingInProse(other, port));
            Await.untilSeeing("a renewal refused", GIVE_UP, () -> listener.failures.stream()
                    .anyMatch(f -> f.message().contains("4.03")), () -> listener.failures);
            if (json) {
                Await.untilSeeing("the other pile said by the refusal", GIVE_UP, () -> driver.answersAs().isPresent(),
                        driver::answersAs);
                assertThat(driver.answersAs()).as("the id the refusal said").contains(other);
                dropInfo = false;
            }
            Await.untilSeeing("its /info read", GIVE_UP, () -> driver.bridgeInfo().flatMap(BridgeInfoCheck.Result::said)
                    .map(BridgeInfo::pileId).filter(other::equals).isPresent(), driver::bridgeInfo);

            assertThat(applied).as("limits the other pile's bridge applied (2.04)").isEmpty();
            assertThat(driver.answersAs()).contains(other);
            assertThat(driver.latest()).isEmpty();
            assertThat(listener.failures).as("the refusal, its reason as the bridge says it")
                    .anySatisfy(f -> assertThat(f.message()).contains("4.03 FORBIDDEN: limit for pile \"P1\" sent to"
                            + " pile \"" + other.substring(0, Math.min(other.length(), 40))));
            // Said on the driver's thread after /info's result is held (CoapPileDriver.took): awaited, not presumed.
            Await.untilSeeing("the WARN for the other pile's bridge", GIVE_UP,
                    () -> !log.lines("WARN", "says it is pile").isEmpty(), () -> log.lines("WARN", ""));
            assertThat(log.lines("WARN", "says it is pile")).as("the WARN for the other pile's bridge")
                    .singleElement().asString().contains("pile " + OtherPile.quoted(other) + " (/info pileId");
        }
    }
}
