package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;

/**
 * The page closing while the feed's thread is taking a page's stream (LiveFeed#add's task begun, the stream taken from
 * those waiting and not yet among those close() closes) closes that stream too. Until 2026-12-07 it was left open, never
 * to be sent anything nor closed. The close is made from the feed's seam just after the stream leaves the waiting ones,
 * inside the lock (re-entrant), so close() cannot find it itself: only the task's check of the closed flag closes it
 * (real stream over HTTP on 127.0.0.1). Until mend61d the close was made from the sign-in's check, before the stream
 * left the waiting ones, where close() closed it anyway and a revert of the check went unseen.
 */
class LiveFeedClosedWhileAddingTest {
    @Test
    void aStreamTheFeedsThreadIsTakingWhenThePageClosesIsClosed() throws Exception {
        try (LiveFeed live = new LiveFeed(today -> () -> MadeOverview.of(3, ControlMode.NORMAL), () -> null,
                token -> true, new ObjectMapper());
             FeedStreams streams = new FeedStreams(live)) {
            // As if the gateway's stopping thread closed the page at that moment.
            live.onTakenFromPending(live::close);
            FeedStreams.Stream stream = streams.open("token");

            assertThat(stream.body()).as("what the stream taken as the page closed was sent, once it ended")
                    .succeedsWithin(Duration.ofSeconds(20), STRING).isEmpty();
            assertThat(stream.client().terminated()).as("the stream taken as the page closed").isTrue();
        }
    }
}
