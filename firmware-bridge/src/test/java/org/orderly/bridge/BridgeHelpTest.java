package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code orderly-bridge --help} says every option's description as written: picocli formats descriptions with
 * {@code String.format}, so a bare {@code %} is a format error it warns about on standard error (System.err, not the
 * command's err writer) and the description is shown unformatted.
 */
class BridgeHelpTest {

    @Test
    void helpHasNoFormatWarningAndSaysThePercentage() {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int exit;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = BridgeMain.commandLine();
            cl.setOut(new PrintWriter(out, true));
            exit = cl.execute("--help");
        } finally {
            System.setErr(before);
        }

        assertThat(exit).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("picocli's warnings").doesNotContain("WARN");
        assertThat(out.toString()).contains("vehicle at 30 %");
    }
}
