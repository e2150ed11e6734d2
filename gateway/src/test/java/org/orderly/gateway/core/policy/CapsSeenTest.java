package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.GridCap;

class CapsSeenTest {
    private static final Instant T = Instant.parse("2026-12-03T18:00:00Z");
    private final CapsSeen seen = new CapsSeen();

    private static GridCap cap(String id, int fromMinutes, int toMinutes) {
        return new GridCap(id, T.plus(Duration.ofMinutes(fromMinutes)), T.plus(Duration.ofMinutes(toMinutes)), 50);
    }

    @Test
    void aCapComingIsAChangeAndTheSameCapsAgainAreNot() {
        assertThat(seen.changed(List.of(), T)).as("none, as at the start").isFalse();
        assertThat(seen.changed(List.of(cap("a", 0, 5)), T)).as("a cap comes").isTrue();
        assertThat(seen.changed(List.of(cap("a", 0, 5)), T.plusSeconds(1))).as("the same cap").isFalse();
    }

    @Test
    void aCapEndingIsAChangeThoughTheListStillHoldsIt() {
        List<GridCap> caps = List.of(cap("a", 0, 5), cap("b", 0, 60));
        seen.changed(caps, T);
        assertThat(seen.changed(caps, T.plus(Duration.ofMinutes(5)).minusMillis(1))).as("before a's end").isFalse();
        assertThat(seen.changed(caps, T.plus(Duration.ofMinutes(5)))).as("at a's end").isTrue();
        assertThat(seen.changed(caps, T.plus(Duration.ofMinutes(6)))).as("a ended, still listed").isFalse();
        assertThat(seen.changed(List.of(cap("b", 0, 60)), T.plus(Duration.ofMinutes(7)))).as("a dropped from the list")
                .isFalse();
    }

    @Test
    void aCapAnnouncedAheadIsSeenWhenItComesNotAgainWhenItStarts() {
        seen.changed(List.of(), T);
        assertThat(seen.changed(List.of(cap("a", 10, 20)), T)).as("announced").isTrue();
        assertThat(seen.changed(List.of(cap("a", 10, 20)), T.plus(Duration.ofMinutes(10)))).as("starting").isFalse();
    }

    @Test
    void theContactsCapRenewedEveryCycleUnderItsIdAndAnotherOrderAreNoChange() {
        seen.changed(List.of(cap("a", 0, 60), cap("contact", -1, 15)), T);
        assertThat(seen.changed(List.of(cap("a", 0, 60), cap("contact", 0, 16)), T.plusSeconds(60)))
                .as("the contact's cap renewed").isFalse();
        assertThat(seen.changed(List.of(cap("contact", 0, 16), cap("a", 0, 60)), T.plusSeconds(61)))
                .as("the same caps in another order").isFalse();
        assertThat(seen.changed(List.of(cap("a", 0, 60)), T.plusSeconds(62))).as("the contact opens").isTrue();
    }
}
