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
            TimeScale.REAL);

    /**
     * A bridge's status read {@code seconds} after the plug-in in {@code state} ("A", "B", "C", "E" or "F"), counting
     * {@code count} since the plug-in at {@code plugIn} seconds, which it says in B and C only.
     */
    private List<PluggedSession> bridge(String state, double count, long seconds, long plugIn) {
        ticker.set(Duration.ofSeconds(seconds));
        Instant readAt = PLUGGED.plusSeconds(seconds);
        boolean plugged = state.equals("B") || state.equals("C");
        Optional<Instant> at = Optional.of(PLUGGED.plusSeconds(plugIn));
        return tracker.update(List.of(new PileObservation(0, plugged, plugged ? 7 : 0, count, readAt, true,
                plugged ? at : Optional.empty(), Duration.ZERO, true, at, true, Optional.empty(), readAt, Duration.ZERO,
                false, state.equals("E") || state.equals("F"))));
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

    @Test
    void aSpellOfEAsLongAsTheBoundEndsTheSession() {
        String id = charging(0, 0).id();
        charging(600, 1.2);
        bridge("E", 1.2, 601, 0);
        long bound = 601 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds();
        assertThat(bridge("E", 1.2, bound - 1, 0)).as("E, not for long yet").hasSize(1);
        assertThat(bridge("E", 1.2, bound, 0)).as("E for %s", SessionTracker.KEPT_THROUGH_FAULT).isEmpty();
        assertThat(tracker.endOf(0, id)).as("ended then").isEqualTo(PLUGGED.plusSeconds(bound));

        assertThat(bridge("C", 0, bound + 1, bound + 1)).singleElement()
                .satisfies(s -> assertThat(s.id()).isNotEqualTo(id));
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

    /** A Modbus pile says no plug-in: its state decides, and a count back to 0 in E is its count begun again. */
    @Test
    void aModbusPilesSessionGoesOnThroughAShortEItsCountBegunAgainBanked() {
        String id = modbus("C", 5, 0).get(0).id();
        modbus("C", 6, 600);
        assertThat(modbus("E", 0, 601)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).as("what it delivered, banked").isCloseTo(1, within(1e-9));
        });
        assertThat(modbus("C", 0.5, 660)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).isCloseTo(1.5, within(1e-9));
        });
        modbus("E", 0.5, 661);
        assertThat(modbus("E", 0.5, 661 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds())).as("E that lasts").isEmpty();
    }

    /** A session carried over the gateway's restart whose pile first says E is decided on once it says B or C. */
    @Test
    void aCarriedSessionWaitsThroughAShortEForItsPileToSayItsCar() {
        CarriedSession before = new CarriedSession("P1@" + PLUGGED.getEpochSecond() + "-7", 0, PLUGGED, DECLARED, 1.2,
                1.2, PLUGGED.plusSeconds(600));
        tracker.carry(List.of(before));
        assertThat(bridge("E", 1.2, 700, 0)).as("in E").isEmpty();
        assertThat(tracker.takeDepartedUnseen()).as("not decided in E").isEmpty();

        assertThat(charging(760, 1.4)).satisfies(s -> {
            assertThat(s.id()).isEqualTo(before.id());
            assertThat(s.deliveredKWh()).isCloseTo(1.4, within(1e-9));
        });
    }
}
