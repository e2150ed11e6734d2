package org.orderly.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.Await;
import org.orderly.testkit.StalledSink;

/**
 * A log whose sink stalls (a journal that stopped reading) drops lines rather than hold the thread that logs, and says
 * so: every line logged is either written or counted, and once the sink takes lines again one WARN says how many were
 * dropped and since when, before the next line. A small queue (16, INFO dropped below 4 free places) in front of a
 * sink whose writes wait until it is opened; Logback's own AsyncAppender drops the same lines without a word.
 */
class CountingAsyncAppenderTest {
    private static final int LINES = 200;
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final LoggerContext context = new LoggerContext();
    private final StalledSink sink = new StalledSink();
    private final List<DroppedLines> said = new CopyOnWriteArrayList<>();
    private CountingAsyncAppender queue;

    @AfterEach
    void stop() {
        sink.open();
        context.stop();
    }

    @Test
    void linesDroppedWhileTheSinkStallsAreCountedAndSaidOnceItTakesLinesAgain() throws Exception {
        Logger log = start(16, 4);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < LINES; i++) {
            log.info("line {}", i);
        }
        Instant after = Instant.now();
        long dropped = queue.dropped();
        assertThat(dropped).as("lines dropped while the sink stalls").isPositive().isLessThan(LINES);

        sink.open();
        Await.until("every line not dropped written", WITHIN, () -> written("INFO test - line \\d+") == LINES - dropped);
        log.info("the sink takes lines again");
        Await.until("the next line written", WITHIN, () -> sink.text().contains("the sink takes lines again"));

        String text = sink.text();
        Matcher warn = Pattern.compile("WARN org\\.orderly\\.log\\.CountingAsyncAppender - (\\d+) log lines were "
                + "dropped while the log could not be written \\(since (\\S+); (\\d+) since the start\\)\n").matcher(text);
        assertThat(warn.find()).as(text).isTrue();
        assertThat(Long.parseLong(warn.group(1))).isEqualTo(dropped);
        assertThat(Long.parseLong(warn.group(3))).isEqualTo(dropped);
        Instant since = Instant.parse(warn.group(2));
        assertThat(since).isBetween(before, after);
        assertThat(warn.find()).as("one WARN for the stretch").isFalse();
        assertThat(text.indexOf("dropped while")).as("the WARN before the next line")
                .isLessThan(text.indexOf("the sink takes lines again"));
        long written = written("INFO test - line \\d+");
        assertThat(written + dropped).as("every line written or counted").isEqualTo(LINES);
        assertThat(said).containsExactly(new DroppedLines(dropped, since, dropped));
        assertThat(queue.dropped()).as("the total since the start").isEqualTo(dropped);
    }

    @Test
    void warnAndErrorLinesAreKeptBelowTheThresholdAndCountedOnlyWhenTheQueueIsFull() throws Exception {
        Logger log = start(16, 4);
        for (int i = 0; i < LINES; i++) {
            log.warn("warning {}", i);
        }
        long dropped = queue.dropped();
        assertThat(dropped).as("WARN lines dropped once the queue is full").isPositive();

        sink.open();
        Await.until("every line not dropped written", WITHIN, () -> written("WARN test - warning \\d+") == LINES - dropped);
        log.info("the sink takes lines again");
        Await.until("the next line written", WITHIN, () -> sink.text().contains("the sink takes lines again"));
        long written = written("WARN test - warning \\d+");
        assertThat(written).as("more than the INFO lines' share: WARN lines take the whole queue")
                .isGreaterThanOrEqualTo(16 - 4 + 1);
        assertThat(written + dropped).isEqualTo(LINES);
        assertThat(said).hasSize(1);
        assertThat(said.get(0).count()).isEqualTo(dropped);
    }

    @Test
    void nothingIsSaidWhenNothingWasDropped() throws Exception {
        Logger log = start(16, 4);
        sink.open();
        for (int i = 0; i < 5; i++) {
            log.info("line {}", i);
        }
        Await.until("the lines written", WITHIN, () -> sink.text().contains("line 4"));
        assertThat(queue.dropped()).isZero();
        assertThat(sink.text()).doesNotContain("dropped");
        assertThat(said).isEmpty();
    }

    /** The lines written that match {@code line}. */
    private long written(String line) {
        return sink.text().lines().filter(l -> l.matches(line)).count();
    }

    private Logger start(int queueSize, int discardingThreshold) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
        out.setContext(context);
        out.setName("SINK");
        out.setEncoder(encoder);
        out.setOutputStream(sink);
        out.start();
        queue = new CountingAsyncAppender();
        queue.setContext(context);
        queue.setName("ASYNC");
        queue.setQueueSize(queueSize);
        queue.setDiscardingThreshold(discardingThreshold);
        queue.setNeverBlock(true);
        queue.setMaxFlushTime(1000);
        queue.addAppender(out);
        queue.onDropsSaid(said::add);
        queue.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(queue);
        return context.getLogger("test");
    }
}
