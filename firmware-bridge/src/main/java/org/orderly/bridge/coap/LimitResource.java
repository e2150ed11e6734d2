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
 * {@code /limit}: PUT a current with a time to live; 2.04 on success, 4.00 with a reason if not, 4.03 for a limit
 * naming another pile ({@link LimitRequest}: its reason, or to a client that accepts JSON or CBOR this bridge's pile id
 * with it, {@link LimitForAnotherPile}), and 5.03 with a reason once a stop has closed the pile (the grant would drive
 * nothing).
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
        } catch (LimitForAnotherPile e) {
            LOG.info("pile {}: refused limit from {}: {}", pile.config().pileId(),
                    exchange.getSourceSocketAddress(), e.getMessage());
            refuseForAnotherPile(exchange, e);
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

    /**
     * A client that accepts JSON or CBOR is told this bridge's pile id whole, in that format; any other (a gateway
     * before 2026-12-06 asks for none) the reason as before, which says the ids cut.
     */
    private void refuseForAnotherPile(CoapExchange exchange, LimitForAnotherPile e) {
        int accept = exchange.getRequestOptions().getAccept();
        if (keys.refusesInProseOnly() || (accept != PayloadCodec.JSON && accept != PayloadCodec.CBOR)) {
            Responses.refuse(exchange, e);
            return;
        }
        try {
            PayloadCodec.Encoded encoded = codec.encode(e.body(), accept);
            exchange.respond(e.code(), encoded.payload(), encoded.contentFormat());
        } catch (PayloadException notEncoded) {
            throw new IllegalStateException("a refusal is encoded in JSON and CBOR, was asked for " + accept, notEncoded);
        }
    }
}
