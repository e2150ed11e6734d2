package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.CapturedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pile meter's request not sent, the line not quiet by its send time after another meter's cut reply, is said as that
 * ({@link PileReadTimes#notSent}), and is no cut of its read: it does not count towards the WARN that its read does not
 * fit the cycle, whose advice (a line of their own) is not what helps (review read59k: until 2026-12-07 such a meter
 * got that WARN at its third, and "no answer to ... in the 289 ms left", no request having been sent).
 */
class PileReadTimesNotSentTest {
    /** A logger of this test's own, at DEBUG (slf4j-simple reads its level from the system property when made). */
    private static Logger debugLog() {
        String name = PileReadTimesNotSentTest.class.getName() + ".poller";
        System.setProperty("org.slf4j.simpleLogger.log." + name, "debug");
        return LoggerFactory.getLogger(name);
    }

    @Test
    void aRequestNotSentForAnotherMetersCutReplyIsSaidSoAndIsNoCutOfItsRead() {
        PileReadTimes reads = new PileReadTimes(debugLog(), "DL/T 645 line shared", "give the pile meters a line of their own");
        try (CapturedLog log = new CapturedLog()) {
            reads.cutShort("pb", "pile meter pb", "power", "120 ms");
            for (int i = 0; i < 3; i++) {
                reads.notSent("pile meter pb", "power", "the line not quiet after meter pa's cut reply");
            }
            reads.cutShort("pb", "pile meter pb", "power", "120 ms");

            assertThat(log.lines("pile meter pb not read this cycle: power not sent: the line not quiet after meter pa's"
                    + " cut reply")).hasSize(3);
            assertThat(log.lines("does not fit")).as("two cuts of its read, not three").isEmpty();
            assertThat(reads.roomToBegin("pb", Duration.ofMillis(10), Duration.ofMillis(300)))
                    .isEqualTo(Duration.ofMillis(320));
        }
    }
}
