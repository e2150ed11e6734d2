package org.orderly.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options an unknown one was probably meant for, where picocli's spelling suggestions find none: an option of
 * another command, or of another link, of the same words. {@code --port} (modbus scan's serial port) given to {@code
 * pile get}, which has {@code --coap-port}, {@code --modbus-port} and {@code --tcp-port}; {@code --modbus-host}
 * (pile's) given to {@code modbus read}, which has {@code --host}. Spelling is far apart there, the words are not.
 */
final class OptionsOfTheSameWords {
    private OptionsOfTheSameWords() {
    }

    /**
     * @param unmatched the arguments picocli did not match, options and their values
     * @return the command's options whose name's words hold every word of an unknown option's, or are all among them,
     *         or whose value is named so ({@code --coap=HOST} for {@code --host}), in the command's order
     */
    static List<String> of(CommandSpec command, List<String> unmatched) {
        List<String> found = new ArrayList<>();
        for (String arg : unmatched) {
            if (!arg.startsWith("--") || arg.length() < 3) {
                continue;
            }
            List<String> words = words(arg.substring(2).split("=", 2)[0]);
            for (OptionSpec option : command.options()) {
                String name = option.longestName();
                if (!name.startsWith("--") || found.contains(name)) {
                    continue;
                }
                List<String> its = words(name.substring(2));
                // --host for pile get's --coap=HOST: the value's name is a word of the option too
                boolean value = option.paramLabel() != null && words.equals(words(option.paramLabel()));
                if (its.containsAll(words) || words.containsAll(its) || value) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    /** {@code --a}, {@code --a or --b}, {@code --a, --b or --c}. */
    static String either(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static List<String> words(String name) {
        return Arrays.stream(name.toLowerCase(Locale.ROOT).split("-")).filter(w -> !w.isEmpty()).toList();
    }
}
