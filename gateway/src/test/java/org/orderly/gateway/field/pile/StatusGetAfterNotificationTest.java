package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.Await;

/**
 * The GET that checks a silent observation is answered with the status as the bridge read it when the GET came; a
 * notification of a change made after that can reach the gateway first (the bridge's tick thread sends it while the
 * GET's answer is still on its way). The GET's older status must not replace the newer one: until 2026-12-03 it did,
 * and the driver said the pile was in A, the car unplugged, until the new observation's first answer came (here 1.5 s
 * later, as a lost datagram's retransmission would make it).
 */
class StatusGetAfterNotificationTest {

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private static String status(String state) {
        return "{\"state\":\"" + state + "\",\"ampsOffered\":6.0,\"powerKw\":0.0,\"sessionEnergyKwh\":0.0,"
                + "\"leaseExpiry\":null}";
    }

    @Test
    void aGetsOlderStatusDoesNotReplaceANotificationThatCameBeforeIt() throws Exception {
        CountDownLatch getAnswered = new CountDownLatch(1);
        CopyOnWriteArrayList<Token> observers = new CopyOnWriteArrayList<>();
        CoapServer server = new CoapServer(Configuration.createStandardWithoutFile());
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        CoapResource resource = new CoapResource("status") {
            private volatile String state = "A";

            @Override
            public void handleGET(CoapExchange exchange) {
                String now = state;
                if (!exchange.getRequestOptions().hasObserve()) {
                    // The GET reads A; then the car is plugged in and the notification of B goes out first.
                    state = "B";
                    changed();
                    new Thread(() -> {
                        sleep(300);
                        getAnswered.countDown();
                        exchange.respond(ResponseCode.CONTENT, status(now), MediaTypeRegistry.APPLICATION_JSON);
                    }).start();
                    return;
                }
                Token token = exchange.advanced().getRequest().getToken();
                if (!observers.contains(token)) {
                    observers.add(token);
                }
                if (observers.size() > 1 && token.equals(observers.get(observers.size() - 1))
                        && getAnswered.getCount() == 0) {
                    // The new observation's first answer comes late, as after a lost datagram.
                    new Thread(() -> {
                        sleep(1500);
                        exchange.respond(ResponseCode.CONTENT, status(now), MediaTypeRegistry.APPLICATION_JSON);
                    }).start();
                    return;
                }
                exchange.respond(ResponseCode.CONTENT, status(now), MediaTypeRegistry.APPLICATION_JSON);
            }
        };
        resource.setObservable(true);
        server.add(resource);
        server.start();
        int port = server.getEndpoints().get(0).getAddress().getPort();
        CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", port)
                .with(LeaseTiming.defaults(), Duration.ofSeconds(1), Duration.ofMillis(1200));
        CoapPileDriver driver = CoapPileDriver.start(config, new RecordingListener(), Clock.systemUTC());
        try {
            Await.untilSeeing("the notification of B", Duration.ofSeconds(10),
                    () -> driver.latest().map(s -> s.state() == ChargeState.B).orElse(false), driver::latest);
            assertThat(getAnswered.await(5, TimeUnit.SECONDS)).as("the GET answered").isTrue();
            Thread.sleep(300);
            assertThat(driver.latest().orElseThrow().state()).as("after the GET's answer of A, read before the B")
                    .isEqualTo(ChargeState.B);
        } finally {
            driver.close();
            server.destroy();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
