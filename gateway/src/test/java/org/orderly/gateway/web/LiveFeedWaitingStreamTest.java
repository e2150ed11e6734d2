package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.auth.Account;
import org.orderly.gateway.web.auth.Role;
import org.orderly.gateway.web.auth.SignIns;

/**
 * A page's stream is given its first overview on the feed's thread (LiveFeed#add), so it may wait there behind a build.
 * One still waiting when the page closes is closed, and one whose sign-in ended while it waited is closed with nothing
 * sent, as a tick closes it (read60g, 2026-12-07: until then the one left open, the other sent the overview first).
 * Real streams over HTTP on 127.0.0.1; the feed's first build is held until the test lets it end.
 */
class LiveFeedWaitingStreamTest {
    /** Once a stream's task has run, whatever it did shows on the HTTP side at once: far more than that. */
    private static final Duration ENDED = Duration.ofSeconds(20);
    private final SignIns signIns = new SignIns(Duration.ofMinutes(30), Clock.systemUTC());
    /** A sign-in made here, not by a password: the hash is only well formed (600,000 rounds each test were slow). */
    private final String token = signIns.start(new Account("li", Role.VIEWER, "pbkdf2-sha256$1$c2FsdA==$aGFzaA=="))
            .token();
    private final HeldBuild build = new HeldBuild();

    @Test
    void aStreamWaitingForTheFeedsThreadWhenThePageClosesIsClosed() throws Exception {
        try (LiveFeed feed = new LiveFeed(today -> build, () -> null, signIns::live, new ObjectMapper());
             FeedStreams streams = new FeedStreams(feed)) {
            feed.start(Duration.ofHours(1));
            build.awaitBegun();
            FeedStreams.Stream stream = streams.open(token);

            feed.close();

            assertThat(stream.client().terminated()).as("the waiting stream, once the page closed").isTrue();
            assertThat(stream.body()).as("what the waiting stream was sent").succeedsWithin(ENDED, STRING).isEmpty();
        }
    }

    @Test
    void aStreamWhoseSignInEndedWhileItWaitedIsClosedWithNothingSent() throws Exception {
        try (LiveFeed feed = new LiveFeed(today -> build, () -> null, signIns::live, new ObjectMapper());
             FeedStreams streams = new FeedStreams(feed)) {
            feed.start(Duration.ofHours(1));
            build.awaitBegun();
            FeedStreams.Stream stream = streams.open(token);
            signIns.end(token);

            build.end();
            // A build after the stream's task, on the same thread: it closes a stream left open whose sign-in ended.
            feed.refresh();

            assertThat(stream.body()).as("what the stream was sent after its sign-in ended")
                    .succeedsWithin(ENDED, STRING).isEmpty();
        }
    }
}
