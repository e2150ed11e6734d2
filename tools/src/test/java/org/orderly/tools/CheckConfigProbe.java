package org.orderly.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code orderly} with arguments and keeps its exit code, standard output and standard error. */
record CheckConfigProbe(int exit, String out, String err) {
    static CheckConfigProbe run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CheckConfigProbe(exit, out.toString(), err.toString());
    }
}
