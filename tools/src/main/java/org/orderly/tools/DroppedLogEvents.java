package org.orderly.tools;

import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.Store;
import org.orderly.log.CountingAsyncAppender;
import org.orderly.log.DroppedLines;

/**
 * Stores each stretch of log lines the log dropped as a {@code log.dropped} event, so that the page's events say what
 * the journal is missing (the journal has the same WARN line, once it reads again). Until closed.
 */
final class DroppedLogEvents implements AutoCloseable {
    private final CountingAsyncAppender log;

    private DroppedLogEvents(CountingAsyncAppender log) {
        this.log = log;
    }

    /** Stores into {@code store}, under {@code gatewayId}, what {@code log} says it dropped. */
    static DroppedLogEvents into(Store store, String gatewayId, CountingAsyncAppender log) {
        log.onDropsSaid(said -> store(store, gatewayId, said));
        return new DroppedLogEvents(log);
    }

    private static void store(Store store, String gatewayId, DroppedLines said) {
        store.event(EventKind.LOG_DROPPED, gatewayId, said.line(), "count", said.count(), "since", said.since(),
                "total", said.total());
    }

    @Override
    public void close() {
        log.onDropsSaid(said -> { });
    }
}
