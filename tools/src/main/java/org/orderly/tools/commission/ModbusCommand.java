package org.orderly.tools.commission;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orderly modbus}: find and read Modbus meters. */
@Command(name = "modbus", mixinStandardHelpOptions = true, description = "Find and read Modbus meters (commissioning).",
        subcommands = {ModbusScanCommand.class, ModbusReadCommand.class})
public final class ModbusCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
