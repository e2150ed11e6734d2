package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What an installer reads in the transformer room: every commissioning command's {@code --help}. An option that takes
 * one value is shown as one ({@code [--baud=RATE]}); picocli shows any list-typed option as repeatable
 * ({@code [--baud=RATE]...}), which only an option whose help says it takes several may be. Every option says what it
 * is before its default, a time says its unit, and an option with a default says it.
 */
class CommissioningHelpTest {
    private static final List<String> COMMISSIONING = List.of("check-config", "run", "demo", "selftest", "modbus", "pile",
            "dlt645");

    @Test
    void anOptionShownAsRepeatableSaysItTakesSeveral() {
        List<String> wrong = new ArrayList<>();
        for (CommandLine command : commissioning()) {
            for (OptionSpec o : command.getCommandSpec().options()) {
                if (o.isMultiValue() && !text(o).contains("comma-separated")) {
                    wrong.add(command.getCommandSpec().qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertThat(wrong).as("options shown as [--x=V]... whose help speaks of one value").isEmpty();
    }

    @Test
    void everyOptionSaysWhatItIsItsUnitAndItsDefault() {
        List<String> wrong = new ArrayList<>();
        for (CommandLine command : commissioning()) {
            List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (ArgSpec a : args) {
                if (a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
                    continue;
                }
                String name = a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
                String text = text(a);
                String where = command.getCommandSpec().qualifiedName() + " " + name + ": " + text;
                if (text.isBlank() || text.startsWith("default")) {
                    wrong.add(where + " (says a default, not what it is)");
                }
                if (name.endsWith("-ms") && !text.contains("milliseconds") || name.endsWith("-s") && !text.contains("seconds")
                        || name.equals("AMPS") && !text.contains("amperes")) {
                    wrong.add(where + " (no unit)");
                }
                if (a.defaultValue() != null && !text.contains("default")) {
                    wrong.add(where + " (no default)");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String text(ArgSpec a) {
        return String.join(" ", a.renderedDescription()).toLowerCase(Locale.ROOT);
    }

    private static List<CommandLine> commissioning() {
        List<CommandLine> out = new ArrayList<>();
        CommandLine orderly = OrderlyCommand.commandLine();
        for (String name : COMMISSIONING) {
            collect(orderly.getSubcommands().get(name), out);
        }
        assertThat(out).hasSizeGreaterThan(10);
        return out;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
