package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.UdpRelay;

/**
 * A bridge before 2026-12-06 (the real firmware-bridge made to be one, {@link InProcessBridge#older}: its {@code /info}
 * does not say a limit may name the pile, and it refuses {@code pileId} as an unknown key) is driven as before, its
 * limits naming no pile; and one started where a bridge that takes {@code pileId} was, which refuses the first renewal
 * that names the pile, takes no limit until its {@code /info} is read, then is driven without it if it is this pile's
 * and not at all if it is another's. Real bridges on 127.0.0.1 behind a relay that reads the limits.
 */
class OlderBridgeLimitTest extends RelayedBridgeRestart {

    @Test
    void anOlderBridgeIsDrivenWithLimitsThatNameNoPile() throws Exception {
        bridge = InProcessBridge.older("P1", 0);
        try (CoapPileDriver driver = drivenAt16(bridge.plainPort())) {
            assertThat(driver.bridgeInfo().flatMap(BridgeInfoCheck.Result::said).map(BridgeInfo::limitTakesPileId))
                    .contains(false);
            assertThat(limitBodies).isNotEmpty().allSatisfy(b -> assertThat(b).doesNotContain("pileId"));
            assertThat(listener.failures).isEmpty();
        }
    }

    @Test
    void anOlderBridgeOfThisPileStartedWhereANewerOneWasIsDrivenAgainWithoutThePileId() throws Exception {
        bridge = new InProcessBridge("P1");
        int port = bridge.plainPort();
        try (CoapPileDriver driver = drivenAt16(port)) {
            assertThat(limitBodies).anySatisfy(b -> assertThat(b).contains("\"pileId\":\"P1\""));
            restart(() -> InProcessBridge.older("P1", port));
            Await.untilSeeing("the older P1 driven at 16 A", GIVE_UP, () -> bridge.ampsOffered() == 16.0,
                    bridge::ampsOffered);
            assertThat(listener.failures).as("the renewal it refused")
                    .anySatisfy(f -> assertThat(f.message()).contains("4.00").contains("unknown key \"pileId\""));
            assertThat(driver.answersAs()).isEmpty();
            assertThat(limitBodies.get(limitBodies.size() - 1)).doesNotContain("pileId");
        }
    }

    @Test
    void anOlderBridgeOfAnotherPileStartedWhereANewerOneWasTakesNoLimit() throws Exception {
        bridge = new InProcessBridge("P1");
        int port = bridge.plainPort();
        try (CoapPileDriver driver = drivenAt16(port)) {
            restart(() -> InProcessBridge.older("P2", port));
            Await.untilSeeing("P2 said", GIVE_UP, () -> driver.answersAs().isPresent(), driver::bridgeInfo);
            assertThat(applied).as("limits P2's older bridge applied (2.04)").isEmpty();
            assertThat(bridge.pile.leaseExpiry()).isEmpty();
            assertThat(driver.answersAs()).contains("P2");
        }
    }

    /**
     * An older bridge of this pile started where a newer one was refuses the renewal naming the pile (4.00) and leaves
     * its {@code /info} unanswered: it takes no limit until its {@code /info} is read, so it falls back to its safe
     * current, and its statuses are not given out meanwhile: the control cycle holds for it what it falls back to, as
     * for an offline pile, rather than plan current for a pile it cannot give any. Both lines say so in one form. Until
     * 2026-12-06 its statuses were given out (the control cycle planned 16 A for it) and the unanswered /info was a
     * DEBUG line.
     */
    @Test
    void anOlderBridgeWhoseInfoGoesUnansweredIsNotPlannedForUntilItIsRead() throws Exception {
        bridge = new InProcessBridge("P1");
        int port = bridge.plainPort();
        try (CapturedLog log = new CapturedLog(); CoapPileDriver driver = drivenAt16(port)) {
            dropInfo = true;
            restart(() -> InProcessBridge.older("P1", port));
            Await.untilSeeing("the renewal it refused", GIVE_UP, () -> listener.failures.stream()
                    .anyMatch(f -> f.message().contains("unknown key \"pileId\"")), () -> listener.failures);
            Await.untilSeeing("two of its /info reads unanswered", GIVE_UP, () -> relay.dropped() >= 2, relay::dropped);
            assertThat(driver.latest()).as("a status given out of a pile given no limits").isEmpty();
            assertThat(bridge.ampsOffered()).as("its safe current").isEqualTo(6.0);
            String held = "; it is given no limits and is held as an offline pile, at its safe current 6 A, until its"
                    + " /info is read";
            assertThat(log.lines("WARN", "pile P1: the bridge at coap://127.0.0.1:" + relay.port()
                    + " refused a limit naming pile \"P1\" (PUT ")).singleElement().asString()
                    .contains("4.00 BAD_REQUEST: unknown key \"pileId\"")
                    .endsWith(held + " (asked now); then, if it says pile \"P1\", limits go to it without pileId");
            assertThat(log.lines("WARN", "pile P1: the bridge at coap://127.0.0.1:" + relay.port()
                    + " gave no /info (GET ")).as("said once, however many reads go unanswered").singleElement()
                    .asString().contains("/info: no response within 2000 ms)")
                    .endsWith(held + " (asked again after the next status)");

            dropInfo = false;
            Await.untilSeeing("the older P1 driven at 16 A", GIVE_UP, () -> bridge.ampsOffered() == 16.0,
                    bridge::ampsOffered);
            assertThat(driver.latest()).isPresent();
            assertThat(limitBodies.get(limitBodies.size() - 1)).doesNotContain("pileId");
            assertThat(log.lines("INFO", "is given limits again, its /info read (without pileId)")).hasSize(1);
        }
    }

}
