package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.CapturedLog;
import org.slf4j.LoggerFactory;

/**
 * A meter queued to be asked given longer whose request is not sent by its time (the line not quiet after another
 * meter's cut reply, {@link LateAsks.NotAsked#notSentByItsTime}) stays queued: asked in a later cycle's room, not only
 * at its next WARN, which a streak of failed polls never gives (tcp60's note, 2026-12-07: until then it was dropped).
 * Behind the other meters queued, which a line not quiet every cycle for the first must not keep from theirs.
 */
class LateAsksNotSentTest {
    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final Duration ROOM = Duration.ofMillis(600);

    private final LateAsks asks = new LateAsks(LoggerFactory.getLogger(LateAsksNotSentTest.class), "line shared");
    private final List<String> asked = new ArrayList<>();

    @Test
    void aMeterNotSentByItsTimeIsAskedInALaterCycle() throws Exception {
        int[] notSent = {2}; // the line not quiet by its time in the first two cycles' rooms
        queue("p1", wait -> {
            asked.add("p1");
            if (notSent[0]-- > 0) {
                throw LateAsks.NotAsked.notSentByItsTime("the line not quiet after meter pa's cut reply", null);
            }
            return Optional.of(Duration.ofMillis(400));
        });
        try (CapturedLog log = new CapturedLog()) {
            for (int cycle = 0; cycle < 4; cycle++) {
                asks.askIn(ROOM);
            }

            assertThat(asked).as("asked once a cycle until it answered twice").containsExactly("p1", "p1", "p1", "p1");
            assertThat(asks.waiting()).isFalse();
            assertThat(log.lines("WARN", "meter p1, whose polls time out")).as(log.text()).singleElement().asString()
                    .contains("it answers, after 400 ms");
        }
    }

    @Test
    void oneNeverSentKeepsNoneQueuedBehindItFromItsRoom() throws Exception {
        queue("p1", wait -> {
            asked.add("p1");
            throw LateAsks.NotAsked.notSentByItsTime("the line not quiet after meter pa's cut reply", null);
        });
        queue("p2", wait -> {
            asked.add("p2");
            return Optional.empty();
        });
        for (int cycle = 0; cycle < 3; cycle++) {
            asks.askIn(ROOM);
        }

        assertThat(asked).containsExactly("p1", "p2", "p1");
        assertThat(asks.waiting()).as("p1 still queued").isTrue();
    }

    @Test
    void oneWhoseLineFailedIsNotAskedAgainUntilItsNextWarn() throws Exception {
        queue("p1", wait -> {
            asked.add("p1");
            throw new LateAsks.NotAsked("port /dev/ttyUSB0 would not open", null);
        });
        asks.askIn(ROOM);

        assertThat(asks.waiting()).isFalse();
    }

    private void queue(String meter, LateAsks.Ask ask) {
        assertThat(asks.later(meter, "meter " + meter, TIMEOUT, ask, took -> "it answers, after " + took.toMillis() + " ms")
                .ask()).contains(LateAsks.WARN_SAYS);
    }
}
