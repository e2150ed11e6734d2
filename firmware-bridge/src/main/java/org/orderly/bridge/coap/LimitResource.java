package org.orderly.bridge.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.orderly.bridge.lease.Lease;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileStoppingException;
import org.orderly.text.Amps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /limit}: PUT a current with a time to live; 2.04 on success, 4.00 with a reason if not, 4.03 with a reason
 * for a limit naming another pile ({@link LimitRequest}), and 5.03 with a reason once a stop has closed the pile (the
 * grant would drive nothing).
 */
final class LimitResource extends CoapResource {

    private static final Logger LOG = LoggerFactory.getLogger(LimitResource.class);

    private final Pile pile;
    private final LimitKeys keys;
    private final PayloadCodec codec;

    LimitResource(Pile pile, LimitKeys keys, PayloadCodec codec) {
        super("limit");
        this.pile = pile;
        this.keys = keys;
        this.codec = codec;
        getAttributes().setTitle("PUT {amps, ttlSeconds[, pileId]}: a leased current limit");
        getAttributes().addContentType(PayloadCodec.JSON);
        getAttributes().addContentType(PayloadCodec.CBOR);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        try {
            LimitRequest request = LimitRequest.from(
                    codec.decode(exchange.getRequestPayload(), exchange.getRequestOptions().getContentFormat()),
                    pile.config(), keys);
            Lease lease = pile.grant(request.amps(), request.ttl());
            LOG.info("pile {}: limit {} for {} s from {} (until {})", pile.config().pileId(),
                    Amps.of(request.amps()), request.ttlSeconds(), exchange.getSourceSocketAddress(), lease.expiry());
            exchange.respond(ResponseCode.CHANGED);
        } catch (PileStoppingException e) {
            LOG.info("{}: refused a limit from {}", e.getMessage(), exchange.getSourceSocketAddress());
            Responses.refuse(exchange, new PayloadException(ResponseCode.SERVICE_UNAVAILABLE, e.getMessage()));
        } catch (PayloadException e) {
            LOG.info("pile {}: refused limit from {}: {}", pile.config().pileId(),
                    exchange.getSourceSocketAddress(), e.getMessage());
            Responses.refuse(exchange, e);
        } catch (RuntimeException e) {
            // the lease stands and each step drives it again; the gateway is told it is not in force yet
            String reason = "pile " + pile.config().pileId() + ": limit taken but not driven: "
                    + PayloadCodec.firstLine(e.getMessage());
            LOG.error("{} (from {})", reason, exchange.getSourceSocketAddress(), e);
            Responses.refuse(exchange, new PayloadException(ResponseCode.INTERNAL_SERVER_ERROR, reason));
        }
    }
}
