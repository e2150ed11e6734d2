package org.orderly.bridge;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a command could not do, as one line on standard error naming the command, instead of a
 * stack trace (for the bridge's command line and, as the tools depend on this module, for {@code orderly}'s): the
 * exceptions the commands throw already say what and where. Bad input (an {@link IllegalArgumentException}) exits 2,
 * anything else 1. The stack goes to the log at debug level, for a developer.
 *
 * <p>A command line that does not parse (a missing option, a word where a number belongs) is bad input too: one line
 * that says what is wrong (and the likely word meant, for a misspelt one) and where help is, exit 2, instead of
 * picocli's whole usage text after it.
 */
public final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);
    /** picocli's words for a value that does not convert: {@code '5s' is not an int}. */
    private static final Pattern NOT_A_TYPE = Pattern.compile("'([^']*)' is not an? (int|long|short|byte|double|float)$");
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?\\s*[A-Za-z]+");
    /** picocli's own prefix on an option group's messages: the line names the command already, and says what is wrong. */
    private static final String PICOCLI_ERROR = "Error: ";

    /** {@code command} with both handlers set. */
    public static CommandLine on(CommandLine command) {
        OneLineErrors errors = new OneLineErrors();
        return command.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), e);
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        return e instanceof IllegalArgumentException ? 2 : 1;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String suggestion = "";
        if (e instanceof UnmatchedArgumentException unmatched) {
            // An option of the same words first (the bridge's --psk-key-file is pile get's --psk-file, not picocli's
            // nearest spelling, --psk-identity); else picocli's near words, closest first, the closest the likely one
            List<String> sameWords = OptionsOfTheSameWords.of(command.getCommandSpec(), unmatched.getUnmatched());
            if (!sameWords.isEmpty()) {
                suggestion = "; did you mean " + OptionsOfTheSameWords.either(sameWords) + "?";
            } else if (!unmatched.getSuggestions().isEmpty()) {
                suggestion = "; did you mean " + unmatched.getSuggestions().get(0) + "?";
            }
        }
        command.getErr().println(name + ": " + inPlainWords(describe(e)) + suggestion + " (see '" + name + " --help')");
        return 2;
    }

    /**
     * picocli's {@code '5s' is not an int} in an installer's words: {@code is not a whole number}, {@code is not a
     * number}; a number with a unit written after it is told to be written alone, as the configuration tells it.
     * picocli's {@code Error: } before an option group's message ({@code Error: Missing required argument (specify one
     * of these): (--port=DEVICE | --host=HOST)}) is left out, as the command's name begins the line.
     */
    static String inPlainWords(String picocliMessage) {
        String message = picocliMessage.startsWith(PICOCLI_ERROR) ? picocliMessage.substring(PICOCLI_ERROR.length()) : picocliMessage;
        Matcher m = NOT_A_TYPE.matcher(message);
        if (!m.find()) {
            return message;
        }
        String value = m.group(1);
        String kind = m.group(2).equals("double") || m.group(2).equals("float") ? "a number" : "a whole number";
        String hint = NUMBER_WITH_UNIT.matcher(value).matches() ? "; write the number alone, the unit is in its name" : "";
        return message.substring(0, m.start()) + "'" + value + "' is not " + kind + hint;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
