package org.orderly.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Logback's AsyncAppender that counts the lines it drops and says so. With {@code neverBlock} Logback drops a line when
 * its queue is full, and TRACE, DEBUG and INFO once fewer than {@code discardingThreshold} places are left, without a
 * count or a word (its 1.5 line keeps none: qos-ch/logback pull request 905 is still open). This one counts them and,
 * with the first line logged once the sink has written a line since the first was dropped and the queue has room for
 * INFO lines again, puts one WARN before it: {@link DroppedLines#line()}. Appends are made one at a time so that a line
 * seen to fit is the one queued: only the appender's own worker takes from the queue, so the count is exact; an append
 * never waits on the sink. Whether the sink writes is seen by a filter on the appenders it feeds, which its worker
 * calls before each line: a second line handed over means the first one's write has ended.
 */
public class CountingAsyncAppender extends AsyncAppender {
    private final Object appending = new Object();
    /** Guarded by {@link #appending}. */
    private long total;
    /** Guarded by {@link #appending}: the lines dropped since the last WARN, and when the first of them was logged. */
    private long stretch;
    private Instant since;
    private long handedAtFirstDrop;
    private final AtomicLong handed = new AtomicLong();
    private volatile long dropped;
    private volatile Consumer<DroppedLines> listener = said -> { };

    /** The appender of this process's log (logback.xml's), if it logs through one. */
    public static Optional<CountingAsyncAppender> ofThisProcess() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            if (appenders.next() instanceof CountingAsyncAppender counting) {
                return Optional.of(counting);
            }
        }
        return Optional.empty();
    }

    /** The lines dropped since the log started. */
    public long dropped() {
        return dropped;
    }

    /**
     * Hands each stretch of dropped lines to {@code listener} once it is said, on the thread that logged the line after
     * it (so the listener must not wait). A line it logs itself is not written (Logback does not enter an appender
     * again on the same thread).
     */
    public void onDropsSaid(Consumer<DroppedLines> listener) {
        this.listener = listener;
    }

    @Override
    protected void append(ILoggingEvent event) {
        DroppedLines said = null;
        synchronized (appending) {
            if (isNeverBlock() && (getRemainingCapacity() == 0 || isQueueBelowDiscardingThreshold() && isDiscardable(event))) {
                if (stretch++ == 0) {
                    since = Instant.ofEpochMilli(event.getTimeStamp());
                    handedAtFirstDrop = handed.get();
                }
                dropped = ++total;
                return;
            }
            if (stretch > 0 && handed.get() >= handedAtFirstDrop + 2 && hasRoomForInfoAfterOne()) {
                said = new DroppedLines(stretch, since, total);
                super.append(warning(said));
                stretch = 0;
                since = null;
            }
            super.append(event);
        }
        if (said != null) {
            listener.accept(said);
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> sink) {
        sink.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                handed.incrementAndGet();
                return FilterReply.NEUTRAL;
            }
        });
        super.addAppender(sink);
    }

    /** Room for the WARN and, after it, for an INFO line: what was queued while the sink stalled has been taken. */
    private boolean hasRoomForInfoAfterOne() {
        return getRemainingCapacity() > Math.max(getDiscardingThreshold(), 1);
    }

    private ILoggingEvent warning(DroppedLines said) {
        Logger logger = ((LoggerContext) getContext()).getLogger(CountingAsyncAppender.class);
        return new LoggingEvent(Logger.FQCN, logger, Level.WARN, said.line(), null, null);
    }
}
