package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.web.CapturedLog;
import org.slf4j.LoggerFactory;

/**
 * A meter whose polls time out is asked whether it answers late ({@link LateCheck}, a long ask on the bus) only when
 * its WARN is said: once a silence, however many polls it lasts, so that the other meters' polls wait for one ask per
 * WARN, not one a poll; never for a refusal, which an answering meter sends.
 */
class LateCheckTest {
    private static final Instant T0 = Instant.parse("2026-12-05T15:00:00Z");
    private static final String METER = "meter tx (unit 1)";

    private final MutableClock ticker = new MutableClock(T0);
    private final MeterFailureLog failures = new MeterFailureLog(LoggerFactory.getLogger(LateCheckTest.class),
            "bus room", FailureRateHint.RS485, ticker, PollListener.NONE);
    private final AtomicInteger asked = new AtomicInteger();
    private final LateCheck late = () -> {
        asked.incrementAndGet();
        return Optional.of("it answers, scripted");
    };

    @Test
    void aMeterTimingOutIsAskedOnceASilenceAtItsWarn() {
        try (CapturedLog log = new CapturedLog()) {
            polls(10, FailureKind.TIMEOUT);
            assertThat(asked).as("asked at the WARN of ten failed polls").hasValue(1);
            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .endsWith("bus room: meter tx (unit 1) TIMEOUT: scripted; its last 3 polls all failed; it answers, scripted");
            failures.pollBegan("tx", METER);
            failures.answeredWhole("tx", METER);
            polls(3, FailureKind.TIMEOUT);
            assertThat(asked).as("asked again at the next silence's WARN").hasValue(2);
        }
    }

    @Test
    void aMeterRefusingIsNotAsked() {
        try (CapturedLog log = new CapturedLog()) {
            polls(5, FailureKind.EXCEPTION_RESPONSE);
            assertThat(asked).hasValue(0);
            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString().endsWith("; its last 3 polls all failed");
        }
    }

    private void polls(int n, FailureKind kind) {
        for (int i = 0; i < n; i++) {
            failures.pollBegan("tx", METER);
            failures.failed(METER, new PollFailure("room", "tx", "fc3 0x0000+1", kind, 1, kind + ": scripted", T0),
                    kind + ": scripted", late);
            ticker.advance(Duration.ofMillis(500));
        }
    }
}
