/**
 * The pile-side agent (issue 3): a CoAP server ({@code /limit}, {@code /status}, {@code /info}) over
 * DTLS with a pre-shared key per pile, a lease watchdog that falls back to the configured safe
 * current when the gateway stops refreshing the limit, the IEC 61851-1 control pilot and relay
 * through Pi4J, and a simulated vehicle for demos and tests. Nothing here yet: the module exists
 * so the build and the package layout are in place.
 */
package org.orderly.bridge;
