/**
 * Pile drivers: how the gateway tells one charging pile its current limit and learns its status.
 * {@link org.orderly.gateway.field.pile.PileDriver} is the one interface; {@link
 * org.orderly.gateway.field.pile.CoapPileDriver} speaks to the firmware-bridge over CoAP (plain or
 * DTLS-PSK), {@link org.orderly.gateway.field.pile.ModbusPileDriver} writes a pile's current-limit
 * register. Every limit is a lease ({@link org.orderly.gateway.field.pile.LeaseTiming}) that the
 * driver refreshes from its own thread; the control thread only ever calls the non-blocking
 * {@code offer}.
 */
package org.orderly.gateway.field.pile;
