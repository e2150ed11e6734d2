/**
 * DL/T 645-2007, the Chinese multi-function energy meter protocol most residential meters speak on RS-485:
 * frames ({@link org.orderly.gateway.field.dlt645.Frame}, {@link org.orderly.gateway.field.dlt645.FrameScanner}),
 * the data identifiers we read ({@link org.orderly.gateway.field.dlt645.DataId}), one request/reply exchange
 * ({@link org.orderly.gateway.field.dlt645.Dlt645Client}) over a serial port
 * ({@link org.orderly.gateway.field.dlt645.SerialLine}), and a poller that publishes the same
 * {@link org.orderly.gateway.field.modbus.Reading}s as the Modbus pollers
 * ({@link org.orderly.gateway.field.dlt645.Dlt645Poller}). No well-kept Java library exists for it; this one is small
 * on purpose. See docs/dlt645.md.
 */
package org.orderly.gateway.field.dlt645;
