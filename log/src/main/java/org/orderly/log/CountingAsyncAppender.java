package org.orderly.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.function.Consumer;

/** Stub. */
public class CountingAsyncAppender extends AsyncAppender {
    public long dropped() {
        return 0;
    }

    public void onDropsSaid(Consumer<DroppedLines> listener) {
    }
}
