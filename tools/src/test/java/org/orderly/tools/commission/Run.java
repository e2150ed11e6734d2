package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

/** Runs {@code orderly} in-process and keeps exit code, standard output and standard error. */
record Run(int exit, String out, String err) {
    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
