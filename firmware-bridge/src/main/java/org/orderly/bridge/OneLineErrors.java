package org.orderly.bridge;

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
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // picocli lists every near word, closest first; the closest is the likely one
            suggestion = "; did you mean " + unmatched.getSuggestions().get(0) + "?";
        }
        command.getErr().println(name + ": " + describe(e) + suggestion + " (see '" + name + " --help')");
        return 2;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
