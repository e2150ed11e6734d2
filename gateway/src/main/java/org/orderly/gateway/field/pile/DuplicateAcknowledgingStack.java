package org.orderly.gateway.field.pile;

import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.stack.CoapStack;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.core.network.stack.ExchangeCleanupLayer;
import org.eclipse.californium.core.network.stack.ObserveLayer;
import org.eclipse.californium.core.network.stack.Layer;
import org.eclipse.californium.core.network.stack.ReliabilityLayer;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's CoAP stack over UDP (plain or DTLS) whose reliability layer acknowledges every copy of a confirmable
 * response it takes (a copy of one rejected is left to Californium, which answers it with an RST), as RFC 7252 4.5 asks
 * of a duplicate Confirmable message. Californium's own (3.14) drops, unanswered, a copy that came before the first
 * copy's ACK was sent, taking that ACK for both: a bridge sending a status notification again at once (one whose first
 * ACK it did not see in time, or a link that doubled it) got one ACK for two sendings, and with that one lost waited its
 * retransmission timeout to send again (until 2026-12-07: {@code DuplicateConNotificationTest}, 40 of 40 sent twice at
 * once ACKed once). A duplicate is still not given to the driver: the deduplicator marked it, and only the first copy
 * goes up the stack.
 */
final class DuplicateAcknowledgingStack implements ExtendedCoapStackFactory {

    static final DuplicateAcknowledgingStack FACTORY = new DuplicateAcknowledgingStack();

    private DuplicateAcknowledgingStack() {
    }

    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config, EndpointContextMatcher matcher,
                                     Outbox outbox, Object customStackArgument) {
        return new Stack(tag, config, matcher, outbox);
    }

    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config, Outbox outbox,
                                     Object customStackArgument) {
        return createCoapStack(protocol, tag, config, null, outbox, customStackArgument);
    }

    /**
     * The layers of Californium's {@code CoapUdpStack} (3.14, built with an endpoint context matcher), the reliability
     * layer this one's: the plain one, which Californium chooses too while no congestion control is configured (none is:
     * {@link CoapEndpoints}). Not a subclass overriding {@code createReliabilityLayer}: the constructor with a matcher,
     * which the endpoint uses, calls none of {@code CoapUdpStack}'s {@code create...Layer} methods.
     */
    private static final class Stack extends BaseCoapStack {
        Stack(String tag, Configuration config, EndpointContextMatcher matcher, Outbox outbox) {
            super(outbox);
            setLayers(new Layer[] {new ExchangeCleanupLayer(config), new ObserveLayer(config),
                new BlockwiseLayer(tag, false, config, matcher), new AcknowledgingEveryCopy(config)});
        }
    }

    private static final class AcknowledgingEveryCopy extends ReliabilityLayer {

        AcknowledgingEveryCopy(Configuration config) {
            super(config);
        }

        @Override
        protected boolean processResponse(Exchange exchange, Response response) {
            if (response.getType() != Type.CON || !response.isDuplicate() || response.isRejected()) {
                return super.processResponse(exchange, response);
            }
            LOGGER.debug("{} acknowledging a copy of a CON response", exchange);
            response.setAcknowledged(true);
            sendEmptyMessage(exchange, EmptyMessage.newACK(response));
            return false;
        }
    }
}
