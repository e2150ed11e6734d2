package org.orderly.bridge.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** A request the bridge refuses, with the response code and a one-line reason for the client ({@link LimitForAnotherPile} says more). */
public class PayloadException extends Exception {

    private final ResponseCode code;

    public PayloadException(ResponseCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public ResponseCode code() {
        return code;
    }
}
