/**
 * The vehicle as the pile reads it on the control pilot (IEC 61851-1, Annex A): the pilot line through a divider into
 * an MCP3008-class SPI ADC ({@link org.orderly.bridge.sense.Mcp3008}), a burst of conversions over more than one 1 kHz
 * period for the positive and negative peaks ({@link org.orderly.bridge.sense.PilotBurst}), the standard's voltage
 * bands ({@link org.orderly.bridge.sense.PilotLevels}), and the debounced state a pile charges by
 * ({@link org.orderly.bridge.sense.SensedVehicle}, a {@link org.orderly.bridge.vehicle.Vehicle}). Nothing here drives
 * an output: the pile does, under its own lock, when told the state changed. No power is measured here.
 */
package org.orderly.bridge.sense;
