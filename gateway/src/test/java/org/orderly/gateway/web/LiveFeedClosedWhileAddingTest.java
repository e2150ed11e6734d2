package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;

/**
 * The page closing while the feed's thread is taking a page's stream (LiveFeed#add's task begun, the stream not yet
 * among those close() closes) closes that stream too. Until 2026-12-07 it was left open, never to be sent anything nor
 * closed. The close is made from the sign-in's check, which the task makes between the two (real stream over HTTP on
 * 127.0.0.1).
 */
class LiveFeedClosedWhileAddingTest {
    @Test
    void aStreamTheFeedsThreadIsTakingWhenThePageClosesIsClosed() throws Exception {
        AtomicReference<LiveFeed> feed = new AtomicReference<>();
        // As if the gateway's stopping thread closed the page at that moment.
        Predicate<String> closingWhenAsked = token -> {
            feed.get().close();
            return true;
        };
        try (LiveFeed live = new LiveFeed(today -> () -> MadeOverview.of(3, ControlMode.NORMAL), () -> null,
                closingWhenAsked, new ObjectMapper());
             FeedStreams streams = new FeedStreams(live)) {
            feed.set(live);
            FeedStreams.Stream stream = streams.open("token");

            assertThat(stream.body()).as("what the stream taken as the page closed was sent, once it ended")
                    .succeedsWithin(Duration.ofSeconds(20), STRING).isEmpty();
            assertThat(stream.client().terminated()).as("the stream taken as the page closed").isTrue();
        }
    }
}
