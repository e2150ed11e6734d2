package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

/**
 * What the log says of a pile's steps failing tick after tick: the first failure with its stack, again when the
 * failure changes, then nothing above DEBUG while it goes on; INFO with the count when a step succeeds again.
 */
class StepFailuresTest {
    private final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
    private final StepFailures failures = new StepFailures("P1",
            new EventRecordingLogger(new SubstituteLogger("pile", events, false), events));

    private List<String> said(Level atLeast) {
        return events.stream().filter(e -> e.getLevel().toInt() >= atLeast.toInt())
                .map(e -> e.getLevel() + " " + MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray())
                        .getMessage() + (e.getThrowable() == null ? "" : " [stack of " + e.getThrowable() + "]"))
                .toList();
    }

    @Test
    void aFailureGoingOnIsSaidOnceWithItsStackThenWhenItChangesAndWhenItEnds() {
        IllegalStateException relay = new IllegalStateException("cannot open relay on pin 17");
        for (int i = 0; i < 100; i++) {
            failures.failed(new IllegalStateException("cannot open relay on pin 17"));
        }
        failures.failed(new IllegalStateException("cannot drive control pilot PWM 18"));
        failures.failed(new IllegalStateException("cannot drive control pilot PWM 18"));
        failures.succeeded();
        failures.succeeded();

        assertThat(said(Level.INFO)).containsExactly(
                "ERROR pile P1: step failed: " + relay + " [stack of " + relay + "]",
                "ERROR pile P1: step failed differently after 100 failed steps: java.lang.IllegalStateException: "
                        + "cannot drive control pilot PWM 18 [stack of java.lang.IllegalStateException: cannot drive "
                        + "control pilot PWM 18]",
                "INFO pile P1: steps succeed again after 102 failed");
    }

    @Test
    void stepsThatSucceedSayNothing() {
        failures.succeeded();
        failures.succeeded();

        assertThat(events).isEmpty();
    }
}
