/**
 * The pile-side agent (issue 3). {@code pilot}: IEC 61851-1 current/duty mapping and the
 * control-pilot + relay outputs (Pi4J on the target). {@code lease}: leased currents and the
 * watchdog that falls back to the safe current. {@code vehicle}: the vehicle's state and draw,
 * simulated for demos and tests. {@code sense}: the vehicle read on the control pilot through an SPI ADC.
 * {@code meter}: the pile's Modbus meter, whose power and energy stand in for the vehicle's.
 * {@code pile}: the pieces stepped together. {@code coap}: the
 * Californium/Scandium server. {@link org.orderly.bridge.BridgeMain} runs it standalone. See
 * docs/firmware-bridge.md.
 */
package org.orderly.bridge;
