package org.orderly.gateway.field.pile;

import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A bridge that is no bridge, on 127.0.0.1: a Californium server whose {@code /status} answers each GET with what
 * {@code answer} gives, as JSON, whatever it is; no observation, {@code /info} or {@code /limit}.
 */
final class FakeStatusBridge implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final CoapServer server;

    FakeStatusBridge(Supplier<String> answer) {
        server = new CoapServer(Configuration.createStandardWithoutFile());
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.add(new CoapResource("status") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, answer.get(), MediaTypeRegistry.APPLICATION_JSON);
            }
        });
        server.start();
    }

    int port() {
        return server.getEndpoints().get(0).getAddress().getPort();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
