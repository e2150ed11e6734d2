package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.testing.RunningBridge;
import org.orderly.bridge.testing.TestClients;
import org.orderly.bridge.vehicle.VehicleState;
import org.orderly.testkit.Await;

/**
 * {@code pluggedSeconds} in {@code /status}, over CoAP on 127.0.0.1: how long the present vehicle has been plugged in,
 * by the bridge's monotonic clock, as of the response; absent with no vehicle; and no reason for a notification.
 */
class PluggedSecondsTest {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private RunningBridge bridge;
    private final List<CoapClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TestClients::close);
        if (bridge != null) {
            bridge.close();
        }
    }

    private CoapClient plain(String path) {
        CoapClient client = TestClients.plain(bridge.plainUri(path));
        clients.add(client);
        return client;
    }

    /** When the car was plugged in, as the test saw it: between {@code from} and {@code to}, System.nanoTime. */
    private record Plugged(long from, long to) {
        /** The least and most whole seconds a response made between {@code asked} and {@code answered} may say. */
        long least(long asked) {
            return Math.floorDiv(asked - to, 1_000_000_000L);
        }

        long most(long answered) {
            return Math.floorDiv(answered - from, 1_000_000_000L);
        }
    }

    /** Unplugs the bridge's car, then plugs it in again and waits until the pile has seen it. */
    private Plugged replug() throws InterruptedException {
        bridge.vehicle.unplug();
        Await.untilGiving("the car unplugged", GIVE_UP, () -> bridge.pile.status().state(), s -> s == VehicleState.A);
        long from = System.nanoTime();
        bridge.vehicle.plugIn();
        Await.untilGiving("the car plugged in", GIVE_UP, () -> bridge.pile.status().state(), VehicleState::plugged);
        return new Plugged(from, System.nanoTime());
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        while (System.nanoTime() < nanoTime) {
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(60)
    void jsonSaysHowLongTheCarHasBeenPluggedInAndNothingWithoutOne() throws Exception {
        bridge = RunningBridge.homePile("P1");
        bridge.vehicle.unplug();
        Await.untilGiving("the car unplugged", GIVE_UP, () -> bridge.pile.status().state(), s -> s == VehicleState.A);
        JsonNode unplugged = JSON.readTree(plain("/status").get().getPayload());
        assertThat(unplugged.has("pluggedSeconds")).as("pluggedSeconds in %s", unplugged).isFalse();

        Plugged plugged = replug();
        waitUntil(plugged.to() + Duration.ofMillis(2500).toNanos());
        long asked = System.nanoTime();
        CoapResponse response = plain("/status").get();
        long answered = System.nanoTime();

        assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
        JsonNode status = JSON.readTree(response.getPayload());
        assertThat(status.path("pluggedSeconds").isIntegralNumber()).as("pluggedSeconds in %s", status).isTrue();
        assertThat(status.get("pluggedSeconds").asLong()).as("pluggedSeconds in %s", status)
                .isBetween(plugged.least(asked), plugged.most(answered))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @Timeout(60)
    void cborSaysItToo() throws Exception {
        bridge = RunningBridge.homePile("P1");
        Plugged plugged = replug();
        waitUntil(plugged.to() + Duration.ofMillis(1500).toNanos());
        long asked = System.nanoTime();
        CoapResponse response = plain("/status").get(PayloadCodec.CBOR);
        long answered = System.nanoTime();

        assertThat(response.getOptions().getContentFormat()).isEqualTo(PayloadCodec.CBOR);
        JsonNode status = CBOR.readTree(response.getPayload());
        assertThat(status.path("pluggedSeconds").isIntegralNumber()).as("pluggedSeconds in %s", status).isTrue();
        assertThat(status.get("pluggedSeconds").asLong()).isBetween(plugged.least(asked), plugged.most(answered));
    }

    /**
     * A car plugged in and not charging (safe current 0 A: standby) changes nothing in the status: the one notification
     * is the answer to the registration, though pluggedSeconds grows; the next change's notification says it as of
     * then.
     */
    @Test
    @Timeout(60)
    void theGrowingDurationDoesNotNotify() throws Exception {
        bridge = new RunningBridge(new PileConfig("P1", "0.1.0", 6.0, 32.0, 1, 220.0, 0.0), Duration.ofMillis(100));
        Plugged plugged = replug();
        Await.untilGiving("the car in B", GIVE_UP, () -> bridge.pile.status().state(), s -> s == VehicleState.B);
        List<JsonNode> notifications = new CopyOnWriteArrayList<>();
        CoapObserveRelation relation = plain("/status").observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                try {
                    notifications.add(JSON.readTree(response.getPayload()));
                } catch (IOException e) {
                    throw new IllegalStateException("bad notification " + response.getResponseText(), e);
                }
            }

            @Override
            public void onError() {
            }
        });
        try {
            Await.untilGiving("the registration answered", GIVE_UP, notifications::size, n -> n >= 1);
            long registered = System.nanoTime();
            waitUntil(registered + Duration.ofMillis(3500).toNanos());
            assertThat(notifications).as("notifications over 3.5 s of a status that did not change").hasSize(1);
            assertThat(notifications.get(0).has("pluggedSeconds")).as("in %s", notifications.get(0)).isTrue();

            long asked = System.nanoTime();
            assertThat(plain("/limit").put("{\"amps\": 10, \"ttlSeconds\": 30}", PayloadCodec.JSON).getCode())
                    .isEqualTo(ResponseCode.CHANGED);
            Await.untilGiving("a notification of the new limit", GIVE_UP, notifications::size, n -> n >= 2);
            long answered = System.nanoTime();
            JsonNode changed = notifications.get(notifications.size() - 1);
            assertThat(changed.path("pluggedSeconds").asLong(-1)).as("pluggedSeconds in %s", changed)
                    .isBetween(plugged.least(asked), plugged.most(answered))
                    .isGreaterThanOrEqualTo(3);
        } finally {
            relation.proactiveCancel();
        }
    }
}
