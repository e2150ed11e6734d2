package org.orderly.tools;

import org.orderly.bridge.OneLineErrors;
import org.orderly.bridge.pile.FirmwareVersion;
import org.orderly.log.LogAtExit;
import org.orderly.tools.aggregate.AggregateCommand;
import org.orderly.tools.aggregate.AggregateMergeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orderly} command line. Named without a command it is bad input (one line, exit 2), as each group is. */
@Command(name = "orderly", mixinStandardHelpOptions = true, versionProvider = OrderlyCommand.ThisBuild.class,
        description = "Orderly: residential orderly EV charging under one transformer.",
        subcommands = {SimulateCommand.class, DemoCommand.class, RunCommand.class, CheckConfigCommand.class,
            org.orderly.tools.commission.ModbusCommand.class, org.orderly.tools.commission.PileCommand.class,
            org.orderly.tools.commission.SelftestCommand.class, org.orderly.tools.commission.Dlt645Command.class,
            AggregateCommand.class, AggregateMergeCommand.class, RestoreCommand.class})
public final class OrderlyCommand {

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        LogAtExit.flush();
        System.exit(exit);
    }

    /** {@code --version}: the version this build was made as, the poms' (one source with the bridges' /info). */
    static final class ThisBuild implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"orderly " + FirmwareVersion.ofThisBuild()};
        }
    }

    /**
     * The command line as {@code main} runs it: a command that fails says so in one line, and one whose output is its
     * result ({@link ResultOnly}) runs without the log's INFO lines.
     */
    public static CommandLine commandLine() {
        return OneLineErrors.on(new CommandLine(new OrderlyCommand())).setExecutionStrategy(OrderlyCommand::execute);
    }

    private static int execute(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last.commandSpec().userObject() instanceof ResultOnly) {
            CommandLog.Quieted quiet;
            try {
                quiet = CommandLog.quiet();
            } catch (IllegalArgumentException e) {
                last.commandSpec().commandLine().getErr().println(last.commandSpec().qualifiedName() + ": " + e.getMessage());
                return 2;
            }
            try (quiet) {
                return new CommandLine.RunLast().execute(parsed);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
