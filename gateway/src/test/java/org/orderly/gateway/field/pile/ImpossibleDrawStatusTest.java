package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.Test;

/**
 * A bridge whose {@code /status} says its car draws more than the pile can (a 32 A single-phase pile drawing 1000 kW)
 * is malformed, said with the pile and what it can draw, and not taken: until 2026-12-05 the draw was taken as it
 * came, and the gateway recorded, charted and priced it (the control cycle alone held it to the pile's offer).
 */
class ImpossibleDrawStatusTest {

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    @Test
    void aDrawAbovePilesRatingIsMalformedAndNotTaken() throws Exception {
        CoapServer server = new CoapServer(Configuration.createStandardWithoutFile());
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.add(new CoapResource("status") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, "{\"state\":\"C\",\"ampsOffered\":32.0,\"powerKw\":1000000,"
                        + "\"sessionEnergyKwh\":0.0,\"leaseExpiry\":null}", MediaTypeRegistry.APPLICATION_JSON);
            }
        });
        server.start();
        int port = server.getEndpoints().get(0).getAddress().getPort();
        RecordingListener listener = new RecordingListener();
        CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", port)
                .with(LeaseTiming.defaults(), Duration.ofSeconds(1), Duration.ofMillis(1200))
                .withRating(new PileRating(32, 1));
        CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC());
        try {
            // Waited for, not slept: the report comes on the driver's thread, which a loaded machine may hold back.
            Await.until("the status reported malformed", Duration.ofSeconds(10),
                    () -> listener.failures.stream().anyMatch(f -> f.kind() == PileFailureKind.MALFORMED),
                    () -> listener.failures + ", latest " + driver.latest());
            assertThat(listener.failures).filteredOn(f -> f.kind() == PileFailureKind.MALFORMED)
                    .extracting(PileFailure::message).first().isEqualTo("/status powerKw 1000000 is more than pile P1"
                            + " can draw: 32 A on 1 phase at 300 V is 9.6 kW");
            assertThat(driver.latest()).as("no status was taken").isEmpty();
        } finally {
            driver.close();
            server.destroy();
        }
    }
}
