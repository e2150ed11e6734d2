package org.orderly.bridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a command could not do, as one line on standard error naming the command, instead of a
 * stack trace (for the bridge's command line and, as the tools depend on this module, for {@code orderly}'s): the exceptions the commands throw already say what and where. Bad input (an
 * {@link IllegalArgumentException}) exits 2, anything else 1. The stack goes to the log at debug
 * level, for a developer.
 */
public final class OneLineErrors implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), e);
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        return e instanceof IllegalArgumentException ? 2 : 1;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
