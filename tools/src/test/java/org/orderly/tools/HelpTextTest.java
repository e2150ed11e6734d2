package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code orderly} command's help renders without picocli's format warnings: picocli formats descriptions with
 * {@code String.format}, so a bare {@code %} prints {@code [picocli WARN] Could not format ...} on System.err.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        List<CommandLine> commands = new ArrayList<>();
        collect(OrderlyCommand.commandLine(), commands);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream before = System.err;
        StringWriter out = new StringWriter();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                command.usage(new PrintWriter(out, true));
            }
        } finally {
            System.setErr(before);
        }

        assertThat(commands).as("orderly and its subcommands").hasSizeGreaterThan(5);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("picocli's warnings").doesNotContain("WARN");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
