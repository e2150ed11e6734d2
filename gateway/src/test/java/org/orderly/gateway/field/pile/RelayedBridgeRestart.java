package org.orderly.gateway.field.pile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import org.orderly.testkit.Await;
import org.orderly.testkit.UdpRelay;

/**
 * The fixture of the tests that restart the real firmware-bridge of pile P1 (in this JVM, on 127.0.0.1) as another
 * bridge on its port, behind a relay that reads the limits sent and the bridge's 2.04s and can drop {@code GET /info};
 * a control cycle, emulated, offers 16 A every 50 ms while the driver gives out a status.
 */
abstract class RelayedBridgeRestart {

    static final Duration GIVE_UP = Duration.ofSeconds(20);
    static final UdpDataParser PARSER = new UdpDataParser();

    InProcessBridge bridge;
    UdpRelay relay;
    final ScheduledExecutorService cycle = Executors.newSingleThreadScheduledExecutor();
    final RecordingListener listener = new RecordingListener();
    /** The bodies of the limits sent after the restart (all of them when there is none). */
    final List<String> limitBodies = new CopyOnWriteArrayList<>();
    /**
     * Limits the bridge answered 2.04 of those sent after the restart, by token. A 2.04 the relay passes after the
     * restart may be the old bridge's answer to a renewal sent before it, read late by a loaded machine's relay (CI at
     * load 19: the old P1 bridge's last 2.04, {@code applied} not empty, the other pile's bridge having applied none).
     */
    final Set<String> applied = ConcurrentHashMap.newKeySet();
    /** The tokens of the limits the relay passed towards the bridge after the restart. */
    private final Set<String> sentAfterRestart = ConcurrentHashMap.newKeySet();
    volatile Instant restartedAt = Instant.MIN;

    /** Set to drop each {@code GET /info} from then on, as a bridge that does not answer it. */
    volatile boolean dropInfo;

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

    CoapPileDriver drive(int bridgePort) throws Exception {
        relay = new UdpRelay(bridgePort, this::towardsBridge, this::fromBridge, 0, "limit-reading-relay");
        CoapPileDriver driver = CoapPileDriver.start(CoapPileConfig.plain("P1", "127.0.0.1", relay.port())
                .with(LeaseTiming.ofSeconds(5), Duration.ofMillis(2_000), Duration.ofMillis(2_500))
                .withRating(new PileRating(6, 32, 1)), listener, Clock.systemUTC());
        cycle.scheduleWithFixedDelay(() -> driver.latest().ifPresent(s -> driver.offer(16.0)), 0, 50,
                TimeUnit.MILLISECONDS);
        return driver;
    }

    /** A driver of the bridge on {@code bridgePort}, once the bridge offers 16 A. */
    CoapPileDriver drivenAt16(int bridgePort) throws Exception {
        CoapPileDriver driver = drive(bridgePort);
        Await.untilSeeing("P1 driven at 16 A", GIVE_UP, () -> bridge.ampsOffered() == 16.0, bridge::ampsOffered);
        return driver;
    }

    /** Stops the bridge and starts {@code next} (on its port). */
    void restart(java.util.concurrent.Callable<InProcessBridge> next) throws Exception {
        bridge.close();
        limitBodies.clear();
        restartedAt = Instant.now();
        bridge = next.call();
    }

    UdpRelay.Fate towardsBridge(byte[] datagram) {
        Message m = PARSER.parseMessage(datagram);
        if (m instanceof Request r && r.getCode() == CoAP.Code.PUT && r.getOptions().getUriPathString().equals("limit")) {
            limitBodies.add(new String(r.getPayload(), StandardCharsets.UTF_8));
            if (restartedAt != Instant.MIN) {
                sentAfterRestart.add(r.getTokenString());
            }
        }
        if (dropInfo && m instanceof Request r && r.getOptions().getUriPathString().equals("info")) {
            return UdpRelay.Fate.DROP;
        }
        return UdpRelay.Fate.PASS;
    }

    UdpRelay.Fate fromBridge(byte[] datagram) {
        Message m = PARSER.parseMessage(datagram);
        if (m instanceof Response r && r.getCode() == CoAP.ResponseCode.CHANGED
                && sentAfterRestart.contains(r.getTokenString())) {
            applied.add(r.getTokenString());
        }
        return UdpRelay.Fate.PASS;
    }
}
