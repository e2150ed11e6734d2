package org.orderly.gateway.field.pile;

/** Why an exchange with a pile failed. */
public enum PileFailureKind {
    /** No answer within the request timeout. */
    TIMEOUT,
    /** The pile refused the request (CoAP 4.xx, Modbus exception response): resending the same will not help. */
    REJECTED,
    /** The pile failed on its side (CoAP 5.xx other than 5.03). */
    SERVER_ERROR,
    /**
     * The pile said it cannot take the request now, and may later: a bridge's 5.03 Service Unavailable (it answers so
     * while it stops), a Modbus pile's exception 06 (server device busy) on every try.
     */
    BUSY,
    /** The DTLS handshake failed: wrong PSK identity or key, or no DTLS server there. */
    HANDSHAKE,
    /** The pile could not be reached: connection refused, socket error. */
    CONNECTION,
    /** An answer arrived that could not be read (bad JSON, unknown state code, wrong length). */
    MALFORMED
}
