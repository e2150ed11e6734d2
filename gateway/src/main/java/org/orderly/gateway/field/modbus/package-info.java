/**
 * Meter polling over Modbus TCP and RTU (j2mod). Register maps are data
 * ({@code config/devices/*.yaml}, read by {@link org.orderly.gateway.field.modbus.RegisterMapLoader});
 * {@link org.orderly.gateway.field.modbus.RegisterDecoder} turns register words into values;
 * one {@link org.orderly.gateway.field.modbus.BusPoller} per bus serialises the requests with the bus's
 * inter-frame gap, retries with backoff, reports every failure to a
 * {@link org.orderly.gateway.field.modbus.PollListener}, and publishes timestamped
 * {@link org.orderly.gateway.field.modbus.Reading}s to {@link org.orderly.gateway.field.modbus.LatestReadings}.
 *
 * <p>Nothing in {@code org.orderly.gateway.core} may import this package: the control loop hands the
 * core plain values taken from {@link org.orderly.gateway.field.modbus.LatestReadings}.
 */
package org.orderly.gateway.field.modbus;
