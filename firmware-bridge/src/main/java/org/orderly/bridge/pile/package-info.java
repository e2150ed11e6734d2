/**
 * One pile: its configuration, the setpoint from the lease watchdog, the control-pilot outputs
 * and the vehicle, stepped together; it publishes a {@link org.orderly.bridge.pile.PileStatus}
 * to listeners (the CoAP {@code /status} resource) when anything changes. No CoAP here.
 */
package org.orderly.bridge.pile;
