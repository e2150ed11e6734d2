package org.orderly.log;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Writes out the log lines still queued before the JVM exits. The log goes through a queue that one thread of
 * Logback's writes to standard error (the orderly jar's logback.xml, {@link CountingAsyncAppender}), so that no thread
 * of the gateway or of a firmware-bridge waits on a stalled journal; a program that ends must therefore have that queue
 * written out, or its last lines are lost. Called where an {@code orderly} command or the bridge ends: in {@code main}
 * before the exit, and at the end of a long-running program's shutdown hook, once what it closes has said so. Not
 * Logback's own shutdown hook: the JVM runs the hooks at once, in no order, and Logback's could stop the log while the
 * gateway's still says what it closes. What is not written within the appender's {@code maxFlushTime} (a sink that
 * still stalls) is given up, so a stalled journal does not hold the exit.
 */
public final class LogAtExit {
    private LogAtExit() {
    }

    /** Writes out what is queued and stops the log; later lines are dropped. Only for a JVM about to exit. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && context.isStarted()) {
            context.stop();
        }
    }
}
