package org.orderly.gateway.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A clock earlier than the floor is certainly not set; at or after it, it is taken as set. */
class ClockFloorTest {
    private static final Instant BUILT = Instant.parse("2026-12-01T08:00:00Z");
    private static final ClockFloor BUILD = new ClockFloor(BUILT, "this build was made");

    @Test
    void aClockAt1970IsNotSet() {
        assertThat(BUILD.plausible(Instant.EPOCH.plusSeconds(5))).isFalse();
    }

    @Test
    void aClockJustBeforeTheFloorIsNotSetAndOneAtOrAfterItIs() {
        assertThat(BUILD.plausible(BUILT.minusMillis(1))).isFalse();
        assertThat(BUILD.plausible(BUILT)).isTrue();
        assertThat(BUILD.plausible(BUILT.plusSeconds(86_400))).isTrue();
    }

    @Test
    void theStoresNewestTimeRaisesTheFloorWhenLaterThanTheBuild() {
        // fake-hwclock's time saved hours before the power cut: after the build, before what the store holds.
        ClockFloor store = new ClockFloor(BUILT.plusSeconds(10 * 86_400), "the newest time in the store");
        ClockFloor floor = ClockFloor.latest(BUILD, store);

        assertThat(floor).isEqualTo(store);
        assertThat(floor.plausible(BUILT.plusSeconds(9 * 86_400))).isFalse();
        assertThat(ClockFloor.latest(store, BUILD)).isEqualTo(store);
    }

    @Test
    void aStoreOlderThanTheBuildLeavesTheBuildsFloor() {
        ClockFloor store = new ClockFloor(BUILT.minusSeconds(86_400), "the newest time in the store");

        assertThat(ClockFloor.latest(BUILD, store)).isEqualTo(BUILD);
        assertThat(ClockFloor.latest(store, BUILD)).isEqualTo(BUILD);
    }

    @Test
    void noFloorTakesEveryClockAsSet() {
        assertThat(ClockFloor.NONE.plausible(Instant.EPOCH)).isTrue();
        assertThat(ClockFloor.latest(ClockFloor.NONE, BUILD)).isEqualTo(BUILD);
    }
}
