package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * A bridge that keeps its plug-in through E or F (2026-12-07 on) whose car was unplugged before a short spell of E began
 * (the pile not heard then, or the gateway down), then A: its {@code lastSession} is the car's unplug, the departure told
 * (docs/architecture.md, "A pile in E or F"). Only an unplug within the spell is where an older bridge ended its plug-in
 * at the E ({@link FaultSpells#hides}). Until 2026-12-07 (mend60c, read60b) any unplug no later than the spell's last
 * report was hidden: not seen, or seen at the A.
 */
class SessionTrackerUnplugBeforeSpellTest {
    private static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");
    private static final Declaration DECLARED = new Declaration(PLUGGED.plus(Duration.ofHours(10)), 30);

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    /** The ticker, in seconds since the plug-in. */
    private final TestTicker ticker = new TestTicker();
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(), ticker,
            TimeScale.REAL);

    /**
     * A bridge's status read {@code seconds} after the plug-in in {@code state} ("A", "C" or "E"), counting {@code count}
     * since the plug-in (which it says in C only), its last ended session {@code last}.
     */
    private void bridge(String state, double count, long seconds, Optional<LastEndedSession> last) {
        ticker.set(Duration.ofSeconds(seconds));
        Instant readAt = PLUGGED.plusSeconds(seconds);
        boolean plugged = state.equals("C");
        Optional<Instant> at = Optional.of(PLUGGED);
        tracker.update(List.of(new PileObservation(0, plugged, plugged ? 7 : 0, count, readAt, true,
                plugged ? at : Optional.empty(), Duration.ZERO, true, at, true, last, readAt, Duration.ZERO,
                false, state.equals("E"))));
    }

    /** The pile's word that its car was unplugged {@code seconds} after the plug-in, having taken 1.2 kWh. */
    private static Optional<LastEndedSession> unpluggedAt(long seconds) {
        return Optional.of(new LastEndedSession(PLUGGED, PLUGGED.plusSeconds(seconds), 1.2));
    }

    private SessionEnd theEnd() {
        List<SessionEnd> ends = tracker.takeEnded();
        assertThat(ends).as("ends decided").hasSize(1);
        return ends.get(0);
    }

    /** Carried (last seen +600 s), unplugged at +900 s while the gateway was down, then a short E with no car, then A. */
    @Test
    void aCarriedSessionsUnplugBeforeAShortEIsItsToldEnd() {
        CarriedSession before = new CarriedSession("P1@" + PLUGGED.getEpochSecond() + "-7", 0, PLUGGED, DECLARED, 1.2,
                1.2, PLUGGED.plusSeconds(600));
        tracker.carry(List.of(before));
        bridge("E", 0, 3600, unpluggedAt(900));
        bridge("A", 0, 3610, unpluggedAt(900));

        assertThat(theEnd()).isEqualTo(new SessionEnd(before.id(), 0, PLUGGED.plusSeconds(900), SessionEnd.How.TOLD));
    }

    /** Last C at +600 s, unplugged at +610 s while the pile was not heard, E at +700 s, A at +705 s. */
    @Test
    void aRunningSessionsUnplugBeforeAShortEIsItsToldEnd() {
        bridge("C", 0, 0, Optional.empty());
        String id = tracker.openOn(0).orElseThrow();
        bridge("C", 1.2, 600, Optional.empty());
        bridge("E", 1.2, 700, unpluggedAt(610));
        bridge("A", 1.2, 705, unpluggedAt(610));

        assertThat(theEnd()).isEqualTo(new SessionEnd(id, 0, PLUGGED.plusSeconds(610), SessionEnd.How.TOLD));
        assertThat(tracker.endTold(0, id)).isTrue();
    }

    /** An older bridge ends its plug-in at the E: that unplug, within the spell, is still no end told; seen at the A. */
    @Test
    void anUnplugAtTheSpellsFirstReportIsStillHidden() {
        bridge("C", 0, 0, Optional.empty());
        String id = tracker.openOn(0).orElseThrow();
        bridge("C", 1.2, 600, Optional.empty());
        bridge("E", 1.2, 700, unpluggedAt(698));
        bridge("A", 1.2, 730, unpluggedAt(698));

        assertThat(theEnd()).isEqualTo(new SessionEnd(id, 0, PLUGGED.plusSeconds(730), SessionEnd.How.SEEN));
    }
}
