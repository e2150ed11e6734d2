package org.orderly.gateway.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockWatchTest {
    private static final ClockFloor FLOOR = new ClockFloor(Instant.parse("2026-12-01T00:00:00Z"), "test");
    private static final Instant BOOT = Instant.parse("1970-01-01T00:00:00.400Z");

    @Test
    void aClockSetFromTheStartHasNoStep() {
        ClockWatch watch = new ClockWatch(FLOOR);
        assertThat(watch.see(Instant.parse("2026-12-01T08:00:00Z"), new Tick(0))).isEmpty();
        assertThat(watch.set()).isTrue();
        assertThat(watch.step()).isEmpty();
    }

    @Test
    void theStepIsTheWallClocksMoveLessTheTimeElapsedOnTheTicker() {
        ClockWatch watch = new ClockWatch(FLOOR);
        Tick boot = new Tick(5_000_000_000L);
        watch.see(BOOT, boot);
        watch.see(BOOT.plusSeconds(30), boot.plus(Duration.ofSeconds(30)));
        assertThat(watch.set()).isFalse();
        assertThat(watch.step()).isEmpty();

        Instant ntp = Instant.parse("2026-12-01T12:00:00Z");
        ClockStep step = watch.see(ntp, boot.plus(Duration.ofSeconds(40))).orElseThrow();
        assertThat(step.by()).isEqualTo(Duration.between(BOOT.plusSeconds(40), ntp));
        assertThat(step.correct(BOOT.plusSeconds(40))).isEqualTo(ntp);
        assertThat(step.to()).as("what the clock would say now, had it not been set").isEqualTo(BOOT.plusSeconds(40));
        assertThat(step.from()).as("to the whole second, as sessions are stored")
                .isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
        assertThat(watch.see(ntp.plusSeconds(1), boot.plus(Duration.ofSeconds(41)))).as("found once").isEmpty();
        assertThat(watch.step()).contains(step);
    }

    @Test
    void onlyTimesTheClockCanHaveGivenWhileItWasNotSetAreCorrected() {
        ClockStep step = new ClockStep(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1970-01-01T02:00:00Z"),
                Duration.between(Instant.parse("1970-01-01T02:00:00Z"), Instant.parse("2026-12-01T12:00:00Z")));
        Instant recordedBefore = Instant.parse("2026-11-30T22:00:00Z");
        assertThat(step.correct(recordedBefore)).as("a time the run before recorded").isEqualTo(recordedBefore);
        assertThat(step.correct(Instant.parse("1970-01-01T01:30:00Z"))).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
        assertThat(step.correct(Instant.parse("1969-12-31T20:00:00Z")))
                .as("an arrival before the first look, a car plugged in four hours before")
                .isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(step.covers(Instant.parse("1969-12-31T20:00:00Z"))).isFalse();
        assertThat(step.covers(Instant.parse("1970-01-01T02:00:00Z"))).isTrue();
        assertThat(step.correct(null)).isNull();
    }

    @Test
    void aClockThatFallsBelowTheFloorAgainIsHeldAgainUntilItsNextStep() {
        ClockWatch watch = new ClockWatch(FLOOR);
        watch.see(BOOT, new Tick(0));
        watch.see(Instant.parse("2026-12-01T12:00:00Z"), new Tick(10));
        watch.see(Instant.parse("2026-11-01T00:00:00Z"), new Tick(20));
        assertThat(watch.set()).isFalse();
        assertThat(watch.step()).isEmpty();
        assertThat(watch.see(Instant.parse("2026-12-01T13:00:00Z"), new Tick(30))).isPresent();
    }
}
