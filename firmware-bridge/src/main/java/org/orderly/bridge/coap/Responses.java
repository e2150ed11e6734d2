package org.orderly.bridge.coap;

import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** Shared response helpers for the resources. */
final class Responses {

    private Responses() {
    }

    /** Sends {@code value} encoded per the request's Accept option, or the codec's refusal. */
    static void content(CoapExchange exchange, PayloadCodec codec, Object value) {
        try {
            PayloadCodec.Encoded encoded = codec.encode(value, exchange.getRequestOptions().getAccept());
            exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT,
                    encoded.payload(), encoded.contentFormat());
        } catch (PayloadException e) {
            refuse(exchange, e);
        }
    }

    static void refuse(CoapExchange exchange, PayloadException e) {
        exchange.respond(e.code(), e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
    }
}
