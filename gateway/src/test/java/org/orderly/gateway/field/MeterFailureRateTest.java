package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.UnreliableMeterAlarms;
import org.slf4j.LoggerFactory;

/**
 * The rate rule of {@link MeterFailureLog}, on a hand-moved ticker: a meter polled every 500 ms (a transformer meter
 * on the shortest cycle), 1200 polls each 10-minute window, its polls failing as each test scripts them. Until
 * 2026-12-04 a meter failing every other poll, never 3 in a row, was never said above DEBUG.
 */
class MeterFailureRateTest {
    private static final Instant T0 = Instant.parse("2026-12-04T15:00:00Z");
    private static final Duration CYCLE = Duration.ofMillis(500);
    private static final String METER = "meter tx (unit 1)";

    private final MutableClock ticker = new MutableClock(T0);
    private MeterFailureLog failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class),
            "bus room", FailureRateHint.RS485, ticker, PollListener.NONE);

    /**
     * Every other poll failing (one in ten of them silent) for two windows, then none for two: one WARN a window
     * with how many of how many and how, never the in-a-row WARN; one INFO after the first clean window, no more.
     */
    @Test
    void aMeterFailingEveryOtherPollIsOneWarnAWindowAndOneInfoWhenAWholeWindowIsUnder() {
        try (CapturedLog log = new CapturedLog()) {
            polls(1200, everyOther());
            assertThat(log.lines("WARN")).as("within the first window: %s", log.text()).isEmpty();
            polls(1200, everyOther());
            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .endsWith("bus room: meter tx (unit 1) failed 600 of 1200 polls in the last 10 min (GARBLED 480,"
                            + " TIMEOUT 120), one in 20 or more, which no sound RS-485 line loses: check the line's"
                            + " termination (120 ohm at its two ends, none between), the A/B wires and their terminals,"
                            + " that the meter's baud rate and framing are the bus's, and that no other master is on"
                            + " the bus");
            polls(1200, i -> null);
            assertThat(log.lines("WARN")).as(log.text()).hasSize(2);
            assertThat(log.lines("INFO")).as(log.text()).isEmpty();
            polls(2400, i -> null);

            assertThat(log.lines("WARN")).as(log.text()).hasSize(2);
            assertThat(log.lines("INFO", "meter tx")).singleElement().asString()
                    .endsWith("bus room: meter tx (unit 1) failed 0 of 1200 polls in the last 10 min, under one in 20"
                            + " again");
        }
    }

    /** 60 failed polls of 1200 is one in 20, a WARN; 59 is under it, nothing. */
    @Test
    void oneFailedPollInTwentyIsAWarnAndFewerIsNone() {
        try (CapturedLog log = new CapturedLog()) {
            polls(1200, i -> i % 20 == 19 && i < 1180 ? FailureKind.GARBLED : null);
            polls(1, i -> null);
            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
            polls(1199, i -> i % 20 == 18 ? FailureKind.GARBLED : null);
            polls(1, i -> null);

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .contains("meter tx (unit 1) failed 60 of 1200 polls in the last 10 min (GARBLED 60)");
        }
    }

    /**
     * A meter polled every 20 s (a pile meter among many on a slow bus), half its polls failing, never 3 in a row: 30
     * polls a window, judged on them, one WARN a window and the page's alarm with its share. Until 2026-12-04 a window
     * of fewer than 60 polls was no verdict, and such a meter was never said.
     */
    @Test
    void aMeterPolledThirtyTimesAWindowIsJudgedOnItsShareOfThem() {
        UnreliableMeters unreliable = new UnreliableMeters();
        failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, unreliable);
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 31; i++) {
                poll(i % 2 == 1 ? FailureKind.GARBLED : null, Duration.ofSeconds(20));
            }

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .contains("bus room: meter tx (unit 1) failed 15 of 30 polls in the last 10 min (GARBLED 15)");
            assertThat(detailOfTheOneAlarm(unreliable)).isEqualTo("tx: 15 of 30 polls failed in 10 min");
        }
    }

    /**
     * Two failed polls of 30 (one in 15, over the share) are a burst of noise, not a line at its limit: no verdict
     * under {@link MeterFailureLog#RATE_MIN_FAILED}; nor is a window of 9 polls, half failed.
     */
    @Test
    void twoFailedPollsOrFewerThanTenPollsAWindowAreNoVerdict() {
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 61; i++) {
                poll(i == 7 || i == 19 || i == 37 || i == 49 ? FailureKind.GARBLED : null, Duration.ofSeconds(20));
            }
            failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                    FailureRateHint.RS485, ticker, PollListener.NONE);
            for (int i = 0; i < 28; i++) {
                poll(i % 2 == 1 ? FailureKind.GARBLED : null, Duration.ofSeconds(67));
            }

            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
        }
    }

    /**
     * A meter answering every poll for 5 minutes, then silent: told to the listener at its third failed poll, as the
     * in-a-row WARN, its share those polls, {@code tx: 3 of 3 polls failed in 1 min}; the figure its silence's while it
     * lasts, across the window's end (a window of 603 polls, 3 failed, is under the share); cleared at its first poll
     * answered. Until 2026-12-04 the window's end judged 3 of 603 under the share and the page said nothing of it.
     */
    @Test
    void aHealthyMeterFallenSilentIsToldAtItsThirdFailedPollUntilItAnswers() {
        UnreliableMeters unreliable = new UnreliableMeters();
        failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, unreliable);
        polls(600, i -> null);
        polls(2, i -> FailureKind.TIMEOUT);
        assertThat(unreliable.now()).as("two failed polls").isEmpty();
        polls(1, i -> FailureKind.TIMEOUT);
        assertThat(detailOfTheOneAlarm(unreliable)).isEqualTo("tx: 3 of 3 polls failed in 1 min");
        // Not moved at each poll: a figure changing every poll redrew the page's alarm list under the manager's hand.
        polls(10, i -> FailureKind.TIMEOUT);
        assertThat(detailOfTheOneAlarm(unreliable)).as("ten polls on").isEqualTo("tx: 3 of 3 polls failed in 1 min");
        // Poll 1201 closes the first window (600 answered, 600 failed): its share is not the silence's.
        polls(588, i -> FailureKind.TIMEOUT);
        assertThat(detailOfTheOneAlarm(unreliable)).as("the window its silence began late in")
                .isEqualTo("tx: 3 of 3 polls failed in 1 min");
        // Poll 2401 closes the second, every poll of it failed.
        polls(1200, i -> FailureKind.TIMEOUT);
        assertThat(detailOfTheOneAlarm(unreliable)).as("a whole window silent")
                .isEqualTo("tx: 1200 of 1200 polls failed in 10 min");
        polls(1, i -> null);

        assertThat(unreliable.now()).as("answered").isEmpty();
    }

    /**
     * A meter refusing a register every poll answers: the in-a-row WARN says it (its map is to fix), the page's alarm
     * of a meter failing, whose line is to be checked, does not.
     */
    @Test
    void aMeterRefusingEveryPollIsNoSilence() {
        UnreliableMeters unreliable = new UnreliableMeters();
        failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, unreliable);
        polls(1300, i -> FailureKind.EXCEPTION_RESPONSE);

        assertThat(unreliable.now()).isEmpty();
    }

    /**
     * A meter silent a whole window is the in-a-row rule's (one WARN at its third poll), not a line to see to; and a
     * port shut a whole window is the poller's to say, none of its polls counted.
     */
    @Test
    void aMeterNeverAnsweringOrAPortShutIsNoRateWarn() {
        MeterFailureLog other = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus shut",
                FailureRateHint.RS485, ticker, PollListener.NONE);
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 2401; i++) {
                failures.pollBegan("tx", METER);
                failures.failed(METER, failure("tx", FailureKind.TIMEOUT), "timed out");
                other.pollBegan("pm", "meter pm (unit 4)");
                if (i % 2 == 0) {
                    other.failedAsSaid("meter pm (unit 4)", failure("pm", FailureKind.CONNECTION), "port shut");
                } else {
                    other.answeredWhole("pm", "meter pm (unit 4)");
                }
                ticker.advance(CYCLE);
            }

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .endsWith("bus room: meter tx (unit 1) timed out; its last 3 polls all failed");
        }
    }

    /**
     * A meter said to fail often (61 of 1200) that then goes silent: the next window's share is all its polls failed,
     * told to the listener (the page's figure, {@code tx: 1200 of 1200 polls failed in 10 min}) with no WARN but the
     * in-a-row one; and it stands while the meter stays silent. Until 2026-12-04 a window with no poll answered was no
     * verdict, and the page kept saying 61 of 1200 for as long as the meter was silent.
     */
    @Test
    void aMeterGoneSilentHasItsShareSaidAsEveryPollFailedWithoutASecondWarn() {
        UnreliableMeters unreliable = new UnreliableMeters();
        failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, unreliable);
        try (CapturedLog log = new CapturedLog()) {
            polls(1200, i -> i % 19 == 18 && i < 1160 ? FailureKind.GARBLED : null);
            polls(1, i -> FailureKind.TIMEOUT);
            assertThat(detailOfTheOneAlarm(unreliable)).isEqualTo("tx: 61 of 1200 polls failed in 10 min");
            polls(1199, i -> FailureKind.TIMEOUT);
            assertThat(detailOfTheOneAlarm(unreliable)).as("the window not over yet")
                    .isEqualTo("tx: 61 of 1200 polls failed in 10 min");
            polls(1201, i -> FailureKind.TIMEOUT);

            assertThat(detailOfTheOneAlarm(unreliable)).isEqualTo("tx: 1200 of 1200 polls failed in 10 min");
            assertThat(log.lines("WARN")).as(log.text()).hasSize(2);
            assertThat(log.lines("WARN").get(1)).endsWith("bus room: meter tx (unit 1) TIMEOUT: scripted; its last 3"
                    + " polls all failed");
            assertThat(log.lines("INFO")).as(log.text()).isEmpty();
        }
    }

    /**
     * A pile meter polled every 5 s and said to fail often, then silent and polled every 20 s (a silent pile meter is
     * begun only with room for a whole timeout): 30 polls a window, all failed, its share said however few.
     */
    @Test
    void aSilentMeterPolledFewerThanSixtyTimesAWindowHasItsShareSaidToo() {
        UnreliableMeters unreliable = new UnreliableMeters();
        failures = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, unreliable);
        for (int i = 0; i < 120; i++) {
            poll(i % 10 == 9 ? FailureKind.GARBLED : null, Duration.ofSeconds(5));
        }
        for (int i = 0; i < 61; i++) {
            poll(FailureKind.TIMEOUT, Duration.ofSeconds(20));
        }

        assertThat(detailOfTheOneAlarm(unreliable)).isEqualTo("tx: 30 of 30 polls failed in 10 min");
    }

    /**
     * A pile meter said to fail often that is no longer polled (the transformer meter's reads leave its bus no room),
     * while the transformer meter on the same bus is: ended by the transformer meter's polls a whole window after its
     * last, INFO saying so; polled again, judged afresh. Until 2026-12-04 its window was closed only by its own polls,
     * and the page kept its last share for as long as it went unpolled.
     */
    @Test
    void aMeterNoLongerPolledHasItsShareEndedByTheOthersPolls() {
        UnreliableMeters unreliable = new UnreliableMeters();
        MeterFailureLog bus = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, unreliable);
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i <= 2400; i++) {
                bus.pollBegan("tx", METER);
                bus.answeredWhole("tx", METER);
                if (i <= 1200) {
                    pollPm(bus, i % 2 == 1);
                }
                ticker.advance(CYCLE);
            }
            assertThat(unreliable.now()).as("a whole window not polled not over yet: %s", log.text())
                    .extracting(FailureShare::meterId).containsExactly("pm");
            for (int i = 0; i < 1200; i++) {
                bus.pollBegan("tx", METER);
                bus.answeredWhole("tx", METER);
                ticker.advance(CYCLE);
            }

            assertThat(unreliable.now()).as(log.text()).isEmpty();
            assertThat(log.lines("INFO")).as(log.text()).singleElement().asString().endsWith("bus room: meter pm"
                    + " (unit 4) reached by no poll in the last 10 min, how often it fails no longer known; judged"
                    + " afresh once a poll reaches it");
        }
    }

    /** A poll of meter pm, garbled or answered. */
    private static void pollPm(MeterFailureLog bus, boolean garbled) {
        bus.pollBegan("pm", "meter pm (unit 4)");
        if (garbled) {
            bus.failed("meter pm (unit 4)", failure("pm", FailureKind.GARBLED), "GARBLED: scripted");
        } else {
            bus.answeredWhole("pm", "meter pm (unit 4)");
        }
    }

    private static String detailOfTheOneAlarm(UnreliableMeters unreliable) {
        Set<AlarmBoard.Condition> alarms = UnreliableMeterAlarms.conditions(unreliable.now(), "gw");
        assertThat(alarms).hasSize(1);
        return alarms.iterator().next().detail();
    }

    /**
     * A listener that throws when told of a meter failing often does not stop the poll: said at WARN and ignored, as
     * the pollers do with their listeners, the window's verdict still logged.
     */
    @Test
    void aListenerThatThrowsIsSaidAndIgnored() {
        MeterFailureLog throwing = new MeterFailureLog(LoggerFactory.getLogger(MeterFailureRateTest.class), "bus room",
                FailureRateHint.RS485, ticker, new PollListener() {
                    @Override
                    public void onFailingOften(FailureShare share) {
                        throw new IllegalStateException("scripted: " + share.meterId());
                    }
                });
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 1201; i++) {
                throwing.pollBegan("tx", METER);
                if (i % 2 == 1) {
                    throwing.failed(METER, failure("tx", FailureKind.GARBLED), "GARBLED: scripted");
                } else {
                    throwing.answeredWhole("tx", METER);
                }
                ticker.advance(CYCLE);
            }

            assertThat(log.lines("WARN")).as(log.text()).hasSize(2);
            assertThat(log.lines("WARN").get(1)).endsWith("bus room: poll listener threw; ignored");
        }
    }

    private IntFunction<FailureKind> everyOther() {
        return i -> i % 2 == 0 ? null : i % 10 == 9 ? FailureKind.TIMEOUT : FailureKind.GARBLED;
    }

    /** {@code n} polls a cycle apart, the {@code i}th (from 0) failing as {@code kind} says, or answered if null. */
    private void polls(int n, IntFunction<FailureKind> kind) {
        for (int i = 0; i < n; i++) {
            poll(kind.apply(i), CYCLE);
        }
    }

    private void poll(FailureKind failed, Duration then) {
        failures.pollBegan("tx", METER);
        if (failed == null) {
            failures.answeredWhole("tx", METER);
        } else {
            failures.failed(METER, failure("tx", failed), failed + ": scripted");
        }
        ticker.advance(then);
    }

    /** A failure of one read of {@code meterId}, as a poller reports it. */
    private static PollFailure failure(String meterId, FailureKind kind) {
        return new PollFailure("room", meterId, "fc3 0x0000+1", kind, 1, kind + ": scripted", T0);
    }
}
