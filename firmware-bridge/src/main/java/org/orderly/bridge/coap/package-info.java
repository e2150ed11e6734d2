/**
 * The bridge's CoAP face (Eclipse Californium): {@code /limit} (PUT a leased current),
 * {@code /status} (GET and Observe), {@code /info}; JSON (Content-Format 50) and CBOR (60);
 * served over DTLS with a per-pile pre-shared key (Scandium), and over plain CoAP only when
 * configured so. Payload validation lives in {@link org.orderly.bridge.coap.LimitRequest}.
 */
package org.orderly.bridge.coap;
