package org.orderly.bridge.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.orderly.text.SaidBack;
import org.orderly.text.json.JsonString;

/**
 * A limit naming another pile than this bridge's: 4.03, its reason one line for a person, {@code limit for pile "P2"
 * sent to pile "P1"}, the ids cut at {@value SaidBack#MAX} characters. A gateway that asks for JSON or CBOR ({@code Accept})
 * is also told this bridge's pile id whole, in {@link #body()}: until 2026-12-06 it had only the prose, and read the id
 * out of it, cut.
 */
final class LimitForAnotherPile extends PayloadException {

    private final String bridgePileId;

    LimitForAnotherPile(String named, String bridgePileId) {
        super(ResponseCode.FORBIDDEN, "limit for pile " + JsonString.cut(named, SaidBack.MAX) + " sent to pile "
                + JsonString.cut(bridgePileId, SaidBack.MAX));
        this.bridgePileId = bridgePileId;
    }

    /**
     * The refusal's structured form: {@code {"reason":"limit for pile \"P2\" sent to pile \"P1\"","pileId":"P1"}},
     * {@code pileId} this bridge's, as {@code /info} says it.
     */
    Body body() {
        return new Body(getMessage(), bridgePileId);
    }

    /** The wire form of {@link #body()}. */
    record Body(String reason, String pileId) {
    }
}
