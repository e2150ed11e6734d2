package org.orderly.tools;

import org.orderly.bridge.OneLineErrors;
import org.orderly.bridge.pile.FirmwareVersion;
import org.orderly.log.LogAtExit;
import org.orderly.tools.aggregate.AggregateCommand;
import org.orderly.tools.aggregate.AggregateMergeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orderly} command line. */
@Command(name = "orderly", mixinStandardHelpOptions = true, versionProvider = OrderlyCommand.ThisBuild.class,
        description = "Orderly: residential orderly EV charging under one transformer.",
        subcommands = {SimulateCommand.class, DemoCommand.class, RunCommand.class, CheckConfigCommand.class,
            org.orderly.tools.commission.ModbusCommand.class, org.orderly.tools.commission.PileCommand.class,
            org.orderly.tools.commission.SelftestCommand.class, org.orderly.tools.commission.Dlt645Command.class,
            AggregateCommand.class, AggregateMergeCommand.class})
public final class OrderlyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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

    /** The command line as {@code main} runs it: a command that fails says so in one line. */
    public static CommandLine commandLine() {
        return OneLineErrors.on(new CommandLine(new OrderlyCommand()));
    }
}
