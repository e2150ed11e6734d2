package org.orderly.bridge.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileStatus;

/** {@code /status}: GET and Observe; observers are notified whenever the pile's status changes. */
final class StatusResource extends CoapResource {

    private final Pile pile;
    private final PayloadCodec codec;

    StatusResource(Pile pile, PayloadCodec codec) {
        super("status");
        this.pile = pile;
        this.codec = codec;
        setObservable(true);
        setObserveType(Type.CON);
        getAttributes().setObservable();
        getAttributes().setTitle("IEC 61851 state, current offered, power, session energy, lease");
        getAttributes().addContentType(PayloadCodec.JSON);
        getAttributes().addContentType(PayloadCodec.CBOR);
        pile.onStatus(status -> changed());
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        // Made now, for each GET and each notification: the seconds it says are as of this response.
        PileStatus status = pile.status();
        Responses.content(exchange, codec, StatusBody.of(status, pile.pluggedFor(status),
                pile.sessionPluggedFor(status), pile.lastSessionAgo(status)));
    }
}
