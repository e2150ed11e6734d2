package org.orderly.tools.commission;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Options given on the command line that the link chosen does not use (a key for a plain bridge, a baud rate for a
 * Modbus TCP host): refused as bad input, as any option that does not parse, rather than silently ignored, since the
 * installer who gave one believes it counts. Only what was written counts, not an option's default.
 */
final class OptionsNotForTheLink {
    private OptionsNotForTheLink() {
    }

    /**
     * Refuses the first of {@code options} given to {@code command}: {@code --psk-identity applies to a DTLS bridge;
     * with --plain leave it out}, one line through picocli's handler for bad input (exit 2).
     *
     * @param chosen    the option that chose the link, as the installer wrote it
     * @param appliesTo what the refused option is for
     */
    static void refuse(CommandSpec command, String chosen, String appliesTo, String... options) {
        ParseResult given = command.commandLine().getParseResult();
        for (String option : options) {
            if (given.hasMatchedOption(option)) {
                throw new ParameterException(command.commandLine(),
                        option + " applies to " + appliesTo + "; with " + chosen + " leave it out");
            }
        }
    }
}
