package org.orderly.tools.commission;

import picocli.CommandLine.Command;

/**
 * {@code orderly modbus}: find and read Modbus meters. A group, not a command: named without one it is bad input
 * (picocli's missing subcommand, one line, exit 2), as for every group.
 */
@Command(name = "modbus", mixinStandardHelpOptions = true, description = "Find and read Modbus meters (commissioning).",
        subcommands = {ModbusScanCommand.class, ModbusReadCommand.class})
public final class ModbusCommand {
}
