package org.orderly.gateway.field.pile;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A bridge that says what a test makes it say, on 127.0.0.1: a Californium server whose observable {@code /status} and
 * {@code /info} answer with the body, code and Content-Format a test sets ({@code /info} none at all when it is set to
 * none), and whose {@code /limit} answers with the code, or the whole reply, a test sets, notifying its observers after
 * each limit it takes (as a bridge's {@code leaseExpiry} moves with it).
 */
final class HostileBridge implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    /** A reply: its code, its body and its Content-Format. */
    record Reply(ResponseCode code, byte[] body, int contentFormat) {
        static Reply json(String body) {
            return new Reply(ResponseCode.CONTENT, body.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_JSON);
        }
    }

    /** A well-formed status of a car charging at 16 A on one phase. */
    static final String CHARGING = "{\"state\":\"C\",\"ampsOffered\":16.0,\"powerKw\":3.52,\"sessionEnergyKwh\":1.0,"
            + "\"leaseExpiry\":null,\"pluggedSeconds\":600,\"sessionPluggedSeconds\":600}";
    /** A well-formed {@code /info} of pile {@code P1}. */
    static final String INFO = "{\"pileId\":\"P1\",\"maxAmps\":32.0,\"phases\":1,\"safeAmps\":6.0}";

    final AtomicReference<Reply> status = new AtomicReference<>(Reply.json(CHARGING));
    final AtomicReference<Reply> info = new AtomicReference<>(Reply.json(INFO));
    final AtomicReference<ResponseCode> limitAnswer = new AtomicReference<>(ResponseCode.CHANGED);
    /** When set, what a limit is answered with in place of {@link #limitAnswer}'s bare code (a refusal with its body). */
    final AtomicReference<Reply> limitReply = new AtomicReference<>();
    /** The bodies of the limits it was sent, in order. */
    final List<String> limits = new CopyOnWriteArrayList<>();
    private final CoapServer server;
    private final CoapResource statusResource;

    HostileBridge() {
        server = new CoapServer(Configuration.createStandardWithoutFile());
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        statusResource = new CoapResource("status") {
            @Override
            public void handleGET(CoapExchange exchange) {
                answer(exchange, status.get());
            }
        };
        statusResource.setObservable(true);
        statusResource.setObserveType(Type.CON);
        server.add(statusResource);
        server.add(new CoapResource("info") {
            @Override
            public void handleGET(CoapExchange exchange) {
                Reply reply = info.get();
                if (reply != null) { // none: the request goes unanswered, and times out at the gateway
                    answer(exchange, reply);
                }
            }
        });
        server.add(new CoapResource("limit") {
            @Override
            public void handlePUT(CoapExchange exchange) {
                limits.add(exchange.getRequestText());
                Reply reply = limitReply.get();
                if (reply != null) {
                    answer(exchange, reply);
                    return;
                }
                ResponseCode code = limitAnswer.get();
                exchange.respond(code);
                if (code.isSuccess()) {
                    statusResource.changed();
                }
            }
        });
        server.start();
    }

    private static void answer(CoapExchange exchange, Reply reply) {
        exchange.respond(reply.code(), reply.body(), reply.contentFormat());
    }

    /** Tells its observers the status changed: each is sent {@link #status} as it is now. */
    void notifyObservers() {
        statusResource.changed();
    }

    int port() {
        return server.getEndpoints().get(0).getAddress().getPort();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
