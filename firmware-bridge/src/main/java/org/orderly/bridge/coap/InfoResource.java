package org.orderly.bridge.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.orderly.bridge.pile.PileConfig;

/** {@code /info}: what this pile is. */
final class InfoResource extends CoapResource {

    private final InfoBody info;
    private final PayloadCodec codec;

    InfoResource(PileConfig config, LimitKeys keys, PayloadCodec codec) {
        super("info");
        this.info = InfoBody.of(config, keys);
        this.codec = codec;
        getAttributes().setTitle("pile identity and ratings");
        getAttributes().addContentType(PayloadCodec.JSON);
        getAttributes().addContentType(PayloadCodec.CBOR);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        Responses.content(exchange, codec, info);
    }
}
