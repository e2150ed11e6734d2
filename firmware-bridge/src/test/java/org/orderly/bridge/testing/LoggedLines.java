package org.orderly.bridge.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderly.testkit.Await;
import org.slf4j.LoggerFactory;

/**
 * The lines one class logs while this is open, in this JVM, as {@code LEVEL message}: for a bridge part run in the test
 * (a BridgeProtectionsTest's child bridge's log is read from its output instead). A line logged on another thread is
 * waited for ({@link #await}), never read after a sleep.
 */
public final class LoggedLines implements AutoCloseable {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    private final Logger logger;
    private final Level levelBefore;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    };

    public LoggedLines(Class<?> loggingClass) {
        this(loggingClass, null);
    }

    /** As {@link #LoggedLines(Class)}, the class logging from {@code level} up while this is open (DEBUG lines too). */
    public LoggedLines(Class<?> loggingClass, Level level) {
        logger = (Logger) LoggerFactory.getLogger(loggingClass);
        levelBefore = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** The lines logged so far that contain every one of {@code parts}. */
    public List<String> lines(String... parts) {
        return lines.stream().filter(l -> Arrays.stream(parts).allMatch(l::contains)).toList();
    }

    /** The first line that contains every one of {@code parts}, waited for (up to GIVE_UP). */
    public String await(String... parts) throws InterruptedException {
        return Await.untilGiving("a line with " + Arrays.toString(parts) + " logged", GIVE_UP, () -> lines(parts),
                found -> !found.isEmpty()).get(0);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }
}
