package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The build's time, written by Maven into build.properties, is the clock's first floor. */
class BuildTimeTest {
    @Test
    void theTimeMavenWroteIsTheFloor() {
        assertThat(BuildTime.parse("2026-12-01T10:15:30Z").at()).isEqualTo(Instant.parse("2026-12-01T10:15:30Z"));
    }

    @Test
    void anUnfilteredOrUnreadableTimeFallsBackToADayThisCodeExisted() {
        assertThat(BuildTime.parse("${maven.build.timestamp}").at()).isEqualTo(BuildTime.FALLBACK);
        assertThat(BuildTime.parse("").at()).isEqualTo(BuildTime.FALLBACK);
        assertThat(BuildTime.parse(null).at()).isEqualTo(BuildTime.FALLBACK);
    }

    @Test
    void thisBuildWasFiltered() {
        // Built by Maven now: the resource holds this build's time, not the fallback, and it is not in the future.
        Instant built = BuildTime.floor().at();
        assertThat(built).isAfter(BuildTime.FALLBACK).isBeforeOrEqualTo(Instant.now());
        assertThat(BuildTime.floor().source()).contains("build");
    }
}
