package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.log.CountingAsyncAppender;
import org.orderly.testkit.Await;
import org.orderly.testkit.StalledSink;

/**
 * What {@code orderly run}'s log drops while its sink stalls is on the page's events too: a {@code log.dropped} event
 * in the gateway's store with the count, since when, and the total since the start, when the log says it.
 */
class DroppedLogEventsTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private final StalledSink sink = new StalledSink();

    @AfterEach
    void stop() {
        sink.open();
        context.stop();
    }

    @Test
    void eachStretchOfDroppedLinesIsStoredAsAnEvent() throws Exception {
        CountingAsyncAppender queue = queue();
        Logger log = context.getLogger("test");
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), Clock.systemUTC());
             DroppedLogEvents events = DroppedLogEvents.into(store, "gw-1", queue)) {
            for (int i = 0; i < 100; i++) {
                log.info("line {}", i);
            }
            long dropped = queue.dropped();
            assertThat(dropped).isPositive();
            sink.open();
            Await.until("every line not dropped written", WITHIN,
                    () -> sink.text().lines().filter(l -> l.startsWith("INFO test - line ")).count() == 100 - dropped);
            log.info("the sink takes lines again");
            assertThat(store.flush(WITHIN)).as("the store's writes done").isTrue();

            List<StoreEvent> stored;
            try (StoreReader reader = store.reader()) {
                stored = reader.events(from, Instant.now().plusSeconds(1));
            }
            assertThat(stored).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo("log.dropped");
                assertThat(e.subject()).isEqualTo("gw-1");
                assertThat(e.message()).startsWith(dropped + " log lines were dropped while the log could not be written");
                assertThat(e.args()).containsEntry("count", Long.toString(dropped))
                        .containsEntry("total", Long.toString(dropped)).containsKey("since");
            });
        }
    }

    private CountingAsyncAppender queue() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
        out.setContext(context);
        out.setEncoder(encoder);
        out.setOutputStream(sink);
        out.start();
        CountingAsyncAppender queue = new CountingAsyncAppender();
        queue.setContext(context);
        queue.setQueueSize(16);
        queue.setDiscardingThreshold(4);
        queue.setNeverBlock(true);
        queue.setMaxFlushTime(1000);
        queue.addAppender(out);
        queue.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(queue);
        return queue;
    }
}
