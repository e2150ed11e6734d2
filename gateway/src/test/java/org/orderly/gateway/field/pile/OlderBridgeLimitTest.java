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
import org.orderly.testkit.Await;
import org.orderly.testkit.UdpRelay;

/**
 * A bridge before 2026-12-06 (the real firmware-bridge made to be one, {@link InProcessBridge#older}: its {@code /info}
 * does not say a limit may name the pile, and it refuses {@code pileId} as an unknown key) is driven as before, its
 * limits naming no pile; and one started where a bridge that takes {@code pileId} was, which refuses the first renewal
 * that names the pile, takes no limit until its {@code /info} is read, then is driven without it if it is this pile's
 * and not at all if it is another's. Real bridges on 127.0.0.1 behind a relay that reads the limits.
 */
class OlderBridgeLimitTest {

    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    private static final UdpDataParser PARSER = new UdpDataParser();

    private InProcessBridge bridge;
    private UdpRelay relay;
    private final ScheduledExecutorService cycle = Executors.newSingleThreadScheduledExecutor();
    private final RecordingListener listener = new RecordingListener();
    /** The bodies of the limits sent after the restart (all of them when there is none). */
    private final List<String> limitBodies = new CopyOnWriteArrayList<>();
    /** Limits the bridge answered 2.04 after the restart, by token. */
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private volatile Instant restartedAt = Instant.MIN;

    /** Stops the control cycle, then the bridge and the relay in front of it. */
    @AfterEach
    void stop() throws Exception {
        cycle.shutdownNow();
        for (AutoCloseable c : new AutoCloseable[] {bridge, relay}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private CoapPileDriver drive(int bridgePort) throws Exception {
        relay = new UdpRelay(bridgePort, this::towardsBridge, this::fromBridge, 0, "limit-reading-relay");
        CoapPileDriver driver = CoapPileDriver.start(CoapPileConfig.plain("P1", "127.0.0.1", relay.port())
                .with(LeaseTiming.ofSeconds(5), Duration.ofMillis(2_000), Duration.ofMillis(2_500))
                .withRating(new PileRating(32, 1)), listener);
        cycle.scheduleWithFixedDelay(() -> driver.latest().ifPresent(s -> driver.offer(16.0)), 0, 50,
                TimeUnit.MILLISECONDS);
        return driver;
    }

    /** A driver of the bridge on {@code bridgePort}, once the bridge offers 16 A. */
    private CoapPileDriver drivenAt16(int bridgePort) throws Exception {
        CoapPileDriver driver = drive(bridgePort);
        Await.untilSeeing("P1 driven at 16 A", GIVE_UP, () -> bridge.ampsOffered() == 16.0, bridge::ampsOffered);
        return driver;
    }

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

    /** Stops the bridge and starts {@code next} (on its port). */
    private void restart(java.util.concurrent.Callable<InProcessBridge> next) throws Exception {
        bridge.close();
        limitBodies.clear();
        restartedAt = Instant.now();
        bridge = next.call();
    }

    private UdpRelay.Fate towardsBridge(byte[] datagram) {
        Message m = PARSER.parseMessage(datagram);
        if (m instanceof Request r && r.getCode() == CoAP.Code.PUT && r.getOptions().getUriPathString().equals("limit")) {
            limitBodies.add(new String(r.getPayload(), StandardCharsets.UTF_8));
        }
        return UdpRelay.Fate.PASS;
    }

    private UdpRelay.Fate fromBridge(byte[] datagram) {
        Message m = PARSER.parseMessage(datagram);
        if (m instanceof Response r && r.getCode() == CoAP.ResponseCode.CHANGED && restartedAt != Instant.MIN) {
            applied.add(r.getTokenString());
        }
        return UdpRelay.Fate.PASS;
    }
}
