/**
 * Commissioning commands for an installer with a laptop and an RS-485 adapter: {@code modbus scan|read},
 * {@code dlt645 address|read}, {@code pile get|set}, {@code selftest}. They reuse the gateway's field code
 * (J2modLink, RegisterMapLoader, ReadPlanner, RegisterDecoder, Dlt645Client, CoapPileDriver, ModbusPileDriver);
 * nothing here speaks a protocol itself.
 */
package org.orderly.tools.commission;
