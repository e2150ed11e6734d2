package org.orderly.bridge.coap;

import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.DelivererException;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.DiscoveryResource;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.orderly.text.SaidBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request to its resource only when the bridge can do what its options ask; Californium recognises these
 * options and leaves acting on them to the resource, and the bridge's resources acted as if they were not there, so a
 * limit sent with any of them was applied. Refused, with a one-line reason: one for a proxy (Proxy-Uri, Proxy-Scheme),
 * 5.05 Proxying Not Supported (RFC 7252, 5.10.2); one whose condition does not hold, 4.12 Precondition Failed (5.10.8):
 * If-None-Match on a resource that exists, If-Match with an entity tag (the bridge gives none; an empty If-Match, "if it
 * exists", holds); and a query, which none of its resources takes, 4.00 (a {@code /limit?amps=32} whose body says 16;
 * Californium's {@code /.well-known/core} takes its filter).
 */
final class ServedRequests extends ServerMessageDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(ServedRequests.class);

    private final String pileId;

    ServedRequests(Resource root, Configuration configuration, String pileId) {
        super(root, configuration);
        this.pileId = pileId;
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        OptionSet options = request.getOptions();
        String path = "/" + options.getUriPathString();
        if (options.hasProxyUri() || options.hasProxyScheme()) {
            return refuse(exchange, ResponseCode.PROXY_NOT_SUPPORTED, "this bridge is no proxy; Proxy-Uri or Proxy-Scheme"
                    + " refused");
        }
        Resource target = target(exchange);
        if (target == null) {
            return false; // 4.04, as Californium answers it
        }
        if (options.hasIfNoneMatch()) {
            return refuse(exchange, ResponseCode.PRECONDITION_FAILED, "If-None-Match: " + path + " exists");
        }
        List<byte[]> ifMatch = options.getIfMatch();
        if (!ifMatch.isEmpty() && ifMatch.stream().allMatch(tag -> tag.length > 0)) {
            return refuse(exchange, ResponseCode.PRECONDITION_FAILED, "If-Match: " + path + " has no entity tag");
        }
        // Californium's /.well-known/core takes one: a filter (RFC 6690, 4.1)
        if (options.getURIQueryCount() > 0 && !(target instanceof DiscoveryResource)) {
            return refuse(exchange, ResponseCode.BAD_REQUEST, path + " takes no query; was "
                    + SaidBack.of(options.getUriQueryString()));
        }
        return false;
    }

    /** The resource the request is for; null when there is none. */
    private Resource target(Exchange exchange) {
        try {
            return findResource(exchange);
        } catch (DelivererException notFound) {
            return null;
        }
    }

    private boolean refuse(Exchange exchange, ResponseCode code, String reason) {
        Request request = exchange.getRequest();
        LOG.info("pile {}: refused {} /{} from {}: {} {}", pileId, request.getCode(),
                request.getOptions().getUriPathString(), request.getSourceContext().getPeerAddress(), code, reason);
        Response response = new Response(code);
        response.setPayload(reason);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        exchange.sendResponse(response);
        return true;
    }
}
