package org.orderly.tools.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

/** Runs {@code orderly} in-process, as its {@code main} does, and keeps exit code, standard output and standard error. */
public record OrderlyRun(int exit, String out, String err) {
    public static OrderlyRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new OrderlyRun(exit, out.toString(), err.toString());
    }
}
