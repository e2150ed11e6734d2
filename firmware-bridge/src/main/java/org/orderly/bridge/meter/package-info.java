/**
 * The pile's meter: an Eastron SDM120 (single phase) or SDM630 (three phase) class meter read over Modbus TCP or RTU
 * with j2mod, its registers built in ({@link org.orderly.bridge.meter.MeterModel}; no register map language here: the
 * gateway's {@code config/devices/} maps are the gateway's). {@link org.orderly.bridge.meter.PileMeter} reads it on its
 * own thread, checks every answer and keeps the last good one; {@link org.orderly.bridge.meter.MeteredVehicle} puts its
 * power and energy around any {@link org.orderly.bridge.vehicle.Vehicle}, simulated or sensed. Nothing here takes the
 * pile's lock, and the pile never waits for the wire. The bridge does not depend on the gateway.
 */
package org.orderly.bridge.meter;
