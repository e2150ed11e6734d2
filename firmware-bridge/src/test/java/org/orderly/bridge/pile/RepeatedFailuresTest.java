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
 * What the log says of a pile's steps (or contactor checks) failing tick after tick: the first failure with its stack,
 * again when the failure changes, then nothing above DEBUG while it goes on; INFO with the count when one succeeds
 * again.
 */
class RepeatedFailuresTest {
    private final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
    private final RepeatedFailures failures = failures("step");

    private RepeatedFailures failures(String what) {
        return new RepeatedFailures(new EventRecordingLogger(new SubstituteLogger("pile", events, false), events), "P1",
                what);
    }

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
    void contactorChecksFailingSayTheSameOnceEach() {
        RepeatedFailures checks = failures("contactor check");
        IllegalStateException unreadable = new IllegalStateException("input 23 unreadable");
        for (int i = 0; i < 50; i++) {
            checks.failed(unreadable);
        }
        checks.succeeded();

        assertThat(said(Level.INFO)).containsExactly(
                "ERROR pile P1: contactor check failed: " + unreadable + " [stack of " + unreadable + "]",
                "INFO pile P1: contactor checks succeed again after 50 failed");
        assertThat(said(Level.DEBUG)).hasSize(51);
    }

    @Test
    void stepsThatSucceedSayNothing() {
        failures.succeeded();
        failures.succeeded();

        assertThat(events).isEmpty();
    }
}
