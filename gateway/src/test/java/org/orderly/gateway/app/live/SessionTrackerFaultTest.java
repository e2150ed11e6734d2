package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * docs/architecture.md, "A pile in E or F": E or F says nothing of whether the car is still there (only A says none),
 * so a session goes on through a spell of E or F shorter than {@link SessionTracker#KEPT_THROUGH_FAULT} (same id,
 * energy counted on, declaration kept); A between, or a longer spell, ends it. Until 2026-12-07 any E or F ended the
 * session and the car back in C began another.
 */
class SessionTrackerFaultTest {
    private static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");
    private static final Declaration DECLARED = new Declaration(PLUGGED.plus(Duration.ofHours(10)), 30);

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    /** The ticker, in seconds since the plug-in. */
    private final TestTicker ticker = new TestTicker();
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(), ticker,
            TimeScale.REAL, CountSteps.NONE);

    /**
     * A bridge's status read {@code seconds} after the plug-in in {@code state} ("A", "B", "C", "E" or "F"), counting
     * {@code count} since the plug-in at {@code plugIn} seconds, which it says in B and C only.
     */
    private List<PluggedSession> bridge(String state, double count, long seconds, long plugIn) {
        return bridge(state, count, seconds, plugIn, Duration.ZERO, false, Optional.empty());
    }

    /**
     * As above, stamped by a wall clock {@code step} ahead of the ticker's (a step of NTP, the clock set), its plug-in
     * the one it found plugged in at its start when {@code atStart}, its last ended session {@code last}.
     */
    private List<PluggedSession> bridge(String state, double count, long seconds, long plugIn, Duration step,
                                        boolean atStart, Optional<LastEndedSession> last) {
        ticker.set(Duration.ofSeconds(seconds));
        Instant readAt = PLUGGED.plusSeconds(seconds).plus(step);
        boolean plugged = state.equals("B") || state.equals("C");
        Optional<Instant> at = Optional.of(PLUGGED.plusSeconds(plugIn).plus(step));
        return tracker.update(List.of(new PileObservation(0, plugged, plugged ? 7 : 0, count, readAt, true,
                plugged ? at : Optional.empty(), Duration.ZERO, true, at, true, last, readAt, Duration.ZERO,
                atStart, state.equals("E") || state.equals("F"))));
    }

    /** A Modbus pile's status: no plug-in said, its count {@code count}. */
    private List<PluggedSession> modbus(String state, double count, long seconds) {
        ticker.set(Duration.ofSeconds(seconds));
        Instant readAt = PLUGGED.plusSeconds(seconds);
        boolean plugged = state.equals("C");
        return tracker.update(List.of(new PileObservation(0, plugged, plugged ? 7 : 0, count, readAt, true,
                Optional.empty(), Duration.ZERO, true, Optional.empty(), true, Optional.empty(), readAt, Duration.ZERO,
                false, state.equals("E"))));
    }

    private PluggedSession charging(long seconds, double count) {
        return bridge("C", count, seconds, 0).get(0);
    }

    /** Charging from the plug-in to 600 s (1.2 kWh), then E at 601 s: the session's id. */
    private String chargedThenInE() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        bridge("E", 1.2, 601, 0);
        return id;
    }

    /** That {@code s} is the session {@code id}, its car having taken {@code kwh}. */
    private static void isTheSession(PluggedSession s, String id, double kwh) {
        assertThat(s.id()).isEqualTo(id);
        assertThat(s.deliveredKWh()).isCloseTo(kwh, within(1e-9));
    }

    @Test
    void aSessionGoesOnThroughAShortEWithItsIdEnergyAndDeclaration() {
        String id = charging(0, 0).id();
        assertThat(tracker.declare(0, DECLARED)).isTrue();
        charging(600, 1.2);

        List<PluggedSession> inE = bridge("E", 1.2, 601, 0);
        assertThat(inE).as("in E").singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).isCloseTo(1.2, within(1e-9));
        });
        bridge("E", 1.2, 600 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds() - 1, 0);

        assertThat(charging(600 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds(), 1.3)).as("back in C").satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.arrival()).isEqualTo(PLUGGED);
            assertThat(s.declared()).isEqualTo(DECLARED);
            assertThat(s.deliveredKWh()).isCloseTo(1.3, within(1e-9));
        });
        assertThat(tracker.endOf(0, id)).as("no end").isNull();
    }

    @Test
    void anFIsTakenAsAnE() {
        String id = charging(0, 0).id();
        assertThat(bridge("F", 0.5, 100, 0)).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(id));
        assertThat(charging(110, 0.6).id()).isEqualTo(id);
    }

    @Test
    void anAReadBetweenEndsTheSession() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        bridge("E", 1.2, 601, 0);
        assertThat(bridge("A", 1.2, 602, 0)).as("A after E").isEmpty();
        assertThat(tracker.endOf(0, id)).as("ended at the A").isEqualTo(PLUGGED.plusSeconds(602));

        assertThat(bridge("C", 0, 603, 603)).singleElement().satisfies(s -> assertThat(s.id()).isNotEqualTo(id));
    }

    /**
     * E or F says nothing of the car: a spell that lasts ends the session with no departure seen (endOf none, the
     * policy's habits learn none; CycleRecorderFaultTest stores it so), whatever the bridge's lastSession says of the
     * plug-in it ended by the spell. Until 2026-12-07 (read59f) a departure seen at the report that reached the bound.
     */
    @Test
    void aSpellOfEAsLongAsTheBoundEndsTheSessionWithNoDepartureSeen() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        bridge("E", 1.2, 601, 0);
        long bound = 601 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds();
        assertThat(bridge("E", 1.2, bound - 1, 0)).as("E, not for long yet").hasSize(1);
        // The bridge ended its plug-in by the spell too, a little before (its own first E was read earlier).
        Optional<LastEndedSession> endedByTheSpell = Optional.of(new LastEndedSession(PLUGGED,
                PLUGGED.plusSeconds(bound - 1), 1.2));
        assertThat(bridge("E", 1.2, bound, 0, Duration.ZERO, false, endedByTheSpell))
                .as("E for %s", SessionTracker.KEPT_THROUGH_FAULT).isEmpty();
        assertThat(tracker.endOf(0, id)).as("no departure seen").isNull();
        assertThat(tracker.endTold(0, id)).isFalse();

        assertThat(bridge("C", 0, bound + 1, bound + 1)).singleElement().satisfies(s -> {
            assertThat(s.id()).isNotEqualTo(id);
            assertThat(s.arrival()).isEqualTo(PLUGGED.plusSeconds(bound + 1));
        });
    }

    /** A bridge before 2026-12-07 ends its plug-in at any E: back in C it says another, counted from 0. */
    @Test
    void aPileThatSaysAnotherPlugInAfterTheSpellBeginsAnotherSession() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        bridge("E", 1.2, 601, 0);
        assertThat(bridge("C", 0, 602, 602)).singleElement().satisfies(s -> {
            assertThat(s.id()).isNotEqualTo(id);
            assertThat(s.deliveredKWh()).isCloseTo(0, within(1e-9));
        });
    }

    /**
     * A Modbus pile says no plug-in: its state decides. Its count in E is not taken; back in C, a count begun again in
     * the spell (0.1 kWh a minute on, less than it could have counted since its last count in C) is banked.
     */
    @Test
    void aModbusPilesSessionGoesOnThroughAShortEItsCountBegunAgainBanked() {
        String id = modbus("C", 5, 0).get(0).id();
        modbus("C", 6, 600);
        assertThat(modbus("E", 0, 601)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).as("what its last count in C said").isCloseTo(1, within(1e-9));
        });
        assertThat(modbus("C", 0.1, 660)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).isCloseTo(1.1, within(1e-9));
        });
        modbus("E", 0.5, 661);
        assertThat(modbus("E", 0.5, 661 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds())).as("E that lasts").isEmpty();
    }

    /**
     * A Modbus register that reads 0 only while the pile says E, its count going on from where it was once back in C, is
     * no count begun again: the car took 1.1 kWh. Until 2026-12-07 (read59f) the 0 read in E was taken for one, and
     * the count back counted twice (7.1 kWh).
     */
    @Test
    void aModbusCountReadZeroOnlyInEIsNoCountBegunAgain() {
        String id = modbus("C", 5, 0).get(0).id();
        modbus("C", 6, 600);
        assertThat(modbus("E", 0, 601)).singleElement()
                .satisfies(s -> assertThat(s.deliveredKWh()).as("in E").isCloseTo(1, within(1e-9)));
        assertThat(modbus("C", 6.1, 660)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).as("back in C").isCloseTo(1.1, within(1e-9));
        });
    }

    /**
     * A bridge restarted with the car during a spell (its plug-in its start, counted from 0) is judged back in C by the
     * start it said before the spell: its count begun again, whatever its value. Until 2026-12-07 (read59f) the E
     * status, which says no plug-in, was counted and lost that start, and a new count above the last was taken for the
     * same one going on (0.17 kWh, not 0.1 + 0.17).
     */
    @Test
    void aBridgeRestartedInASpellIsJudgedByTheStartItSaidBeforeIt() {
        String id = charging(0, 0).id();
        charging(600, 0.1);
        bridge("E", 0.1, 601, 0);
        assertThat(bridge("C", 0.17, 700, 605, Duration.ZERO, true, Optional.empty())).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).isCloseTo(0.27, within(1e-9));
        });
    }

    /**
     * A status that came late (sent 2 s after a short E began, saying its seconds as of then, stamped 8 s later) after
     * the spell says a plug-in 8 s later by the wall clock: no new one, for a new one begins after the spell's first
     * report. Until 2026-12-07 (read59f) one car's session split in two, its energy counted in both.
     */
    @Test
    void aLateStatusAfterAShortEIsTheSamePlugIn() {
        String id = chargedThenInE();
        assertThat(bridge("C", 1.2, 610, 8)).as("late").singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(id));
        isTheSession(charging(611, 1.21), id, 1.21);
    }

    /**
     * A step of the wall clock (NTP: a minute ahead) during a short E moves the stamp and the plug-in a reading says
     * alike: the same plug-in, on the ticker. Until 2026-12-07 (read59f) a new session.
     */
    @Test
    void aStepOfTheWallClockDuringAShortEIsNoNewPlugIn() {
        String id = chargedThenInE();
        List<PluggedSession> stepped = bridge("C", 1.21, 603, 0, Duration.ofSeconds(60), false, Optional.empty());
        assertThat(stepped).hasSize(1);
        isTheSession(stepped.get(0), id, 1.21);
    }

    /**
     * The clock set during a short E (the plug-in said before it on the unset clock): the same plug-in, on the ticker.
     * Until 2026-12-07 (read59f) the set corrected the last sighting but not the plug-in kept, and a new session began.
     */
    @Test
    void theClockSetDuringAShortEIsNoNewPlugIn() {
        Duration unset = Duration.between(PLUGGED, Instant.EPOCH.plusSeconds(600));
        tracker.clockNotSet();
        String id = bridge("C", 1.2, 600, 0, unset, false, Optional.empty()).get(0).id();
        tracker.clockNotSet();
        bridge("E", 1.2, 601, 0, unset, false, Optional.empty());
        Instant unsetNow = PLUGGED.plusSeconds(601).plus(unset);
        tracker.restamp(new ClockStep(Instant.EPOCH, unsetNow.plusSeconds(1), unset.negated()));
        isTheSession(charging(603, 1.21), id, 1.21);
    }

    /** A session carried over the gateway's restart whose pile first says E is decided on once it says B or C. */
    @Test
    void aCarriedSessionWaitsThroughAShortEForItsPileToSayItsCar() {
        CarriedSession before = carriedLastSeenAt600();
        assertThat(bridge("E", 1.2, 700, 0)).as("in E").isEmpty();
        assertThat(tracker.takeDepartedUnseen()).as("not decided in E").isEmpty();

        assertThat(charging(760, 1.4)).satisfies(s -> {
            assertThat(s.id()).isEqualTo(before.id());
            assertThat(s.deliveredKWh()).isCloseTo(1.4, within(1e-9));
        });
    }

    /**
     * A carried session's spell ends at the report that decides it: C once, then E again, is timed from that E. Until
     * 2026-12-07 (read59j) from the E first seen at the restart, and the session ended 60 s into its second spell.
     */
    @Test
    void aCarriedSessionsSpellEndsAtTheReportThatDecidesIt() {
        CarriedSession before = carriedLastSeenAt600();
        bridge("E", 1.2, 700, 0);
        charging(760, 1.4);
        bridge("E", 1.4, 761, 0);
        assertThat(bridge("E", 1.4, 821, 0)).as("60 s into the second spell").singleElement()
                .satisfies(s -> isTheSession(s, before.id(), 1.4));
    }

    /**
     * An older bridge (before 2026-12-07) ends its plug-in at any E: after a short one its next C says a new plug-in,
     * and its lastSession the one ended at the E. That says no car seen leaving: the session ends at its last sighting,
     * no end told (endOf none), as at a spell that lasted. Until 2026-12-07 (read59j) a departure seen at the E.
     */
    @Test
    void anOlderBridgesPlugInEndedAtAShortEIsNoDepartureSeen() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        bridge("E", 1.2, 601, 0);
        Optional<LastEndedSession> endedByE = Optional.of(new LastEndedSession(PLUGGED, PLUGGED.plusSeconds(601), 1.2));
        List<PluggedSession> back = bridge("C", 0, 605, 605, Duration.ZERO, false, endedByE);
        assertThat(back).singleElement().satisfies(s -> assertThat(s.id()).as("a new session").isNotEqualTo(id));
        assertThat(tracker.endOf(0, id)).as("end told by the pile").isNull();
        assertThat(tracker.endTold(0, id)).isFalse();
    }

    /** A session plugged in at 0 s, carried over the gateway's restart, last seen at +600 s having taken 1.2 kWh. */
    private CarriedSession carriedLastSeenAt600() {
        CarriedSession before = new CarriedSession("P1@" + PLUGGED.getEpochSecond() + "-7", 0, PLUGGED, DECLARED, 1.2,
                1.2, PLUGGED.plusSeconds(600));
        tracker.carry(List.of(before));
        return before;
    }

    /**
     * E at {@code eAt} seconds, then {@code next} ("A", or "C" with a new plug-in then, counting 0) at {@code nextAt},
     * both saying {@code last}.
     */
    private void shortEThen(String next, long eAt, long nextAt, Optional<LastEndedSession> last) {
        bridge("E", 1.2, eAt, 0, Duration.ZERO, false, last);
        bridge(next, next.equals("C") ? 0 : 1.2, nextAt, next.equals("C") ? nextAt : 0, Duration.ZERO, false, last);
    }

    /** The bridge's word that the plug-in at 0 s ended {@code seconds} after it, 1.2 kWh taken. */
    private static Optional<LastEndedSession> unpluggedAt(long seconds) {
        return Optional.of(new LastEndedSession(PLUGGED, PLUGGED.plusSeconds(seconds), 1.2));
    }

    /** The one end the tracker decided since the last call. */
    private SessionEnd theEnd() {
        List<SessionEnd> ends = tracker.takeEnded();
        assertThat(ends).as("ends decided").hasSize(1);
        return ends.get(0);
    }

    /**
     * A carried session whose pile says E, then, an older bridge, a new plug-in and its lastSession ended at the E:
     * decided once, a departure not seen at its last sighting. Until 2026-12-07 (ends60) the spell was cleared before it
     * was read, and the E's time was the end told.
     */
    @Test
    void aCarriedSessionsOlderBridgeSayingANewPlugInAfterAShortEIsNoDepartureSeen() {
        CarriedSession before = carriedLastSeenAt600();
        shortEThen("C", 700, 705, unpluggedAt(700));
        assertThat(tracker.takeDepartedUnseen()).singleElement().isEqualTo(before);
        assertThat(theEnd()).isEqualTo(new SessionEnd(before.id(), 0, PLUGGED.plusSeconds(600), SessionEnd.How.NOT_SEEN));
    }

    /**
     * An older bridge's short E then A, its lastSession ended at the E: the car was seen gone at the A (as a Modbus
     * pile's), not unplugged at the E. Until 2026-12-07 (ends60) the E's time was the end told.
     */
    @Test
    void anOlderBridgesEThenAIsADepartureSeenAtTheA() {
        String id = chargedThenInE();
        Optional<LastEndedSession> endedByE = Optional.of(new LastEndedSession(PLUGGED, PLUGGED.plusSeconds(601), 1.2));
        assertThat(bridge("A", 1.2, 630, 0, Duration.ZERO, false, endedByE)).isEmpty();
        assertThat(theEnd()).isEqualTo(new SessionEnd(id, 0, PLUGGED.plusSeconds(630), SessionEnd.How.SEEN));
        assertThat(tracker.endOf(0, id)).isEqualTo(PLUGGED.plusSeconds(630));
        assertThat(tracker.endTold(0, id)).isFalse();
    }

    /**
     * A bridge that keeps its plug-in through E says its car unplugged after the spell's last E (+620 s, the E at +605)
     * and another plugged in: that unplug is the end told. Until 2026-12-07 (ends60) dropped, as any after a spell.
     */
    @Test
    void aNewerBridgesUnplugAfterTheSpellIsTheEndTold() {
        String id = chargedThenInE();
        bridge("E", 1.2, 605, 0);
        Optional<LastEndedSession> unplugged = Optional.of(new LastEndedSession(PLUGGED, PLUGGED.plusSeconds(620), 1.2));
        assertThat(bridge("C", 0.01, 625, 622, Duration.ZERO, false, unplugged)).singleElement()
                .satisfies(s -> assertThat(s.id()).isNotEqualTo(id));
        assertThat(theEnd()).isEqualTo(new SessionEnd(id, 0, PLUGGED.plusSeconds(620), SessionEnd.How.TOLD));
        assertThat(tracker.endTold(0, id)).isTrue();
    }

    /**
     * A bridge that keeps its plug-in through E: its car unplugged at +610 s while the pile was not heard, then E at
     * +700 s (no car) and A: that unplug, before the spell's first report, is the end told; only one within the spell is
     * where an older bridge ended its plug-in (FaultSpells.hides). Until 2026-12-07 (mend60c, read60b) it was hidden
     * too: seen at the A.
     */
    @Test
    void aNewerBridgesUnplugBeforeTheSpellIsTheEndTold() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        shortEThen("A", 700, 705, unpluggedAt(610));
        assertThat(theEnd()).isEqualTo(new SessionEnd(id, 0, PLUGGED.plusSeconds(610), SessionEnd.How.TOLD));
        assertThat(tracker.endTold(0, id)).isTrue();
    }

    /**
     * A carried session (last seen +600 s) whose bridge says its car unplugged at +900 s, while the gateway was down;
     * its first reports a short E with no car, then A: the end told. Until 2026-12-07 (mend60c, read60b) not seen, at
     * +600 s.
     */
    @Test
    void aCarriedSessionsUnplugBeforeAShortEIsTheEndTold() {
        CarriedSession before = carriedLastSeenAt600();
        shortEThen("A", 3600, 3610, unpluggedAt(900));
        assertThat(theEnd()).isEqualTo(new SessionEnd(before.id(), 0, PLUGGED.plusSeconds(900), SessionEnd.How.TOLD));
    }
}
