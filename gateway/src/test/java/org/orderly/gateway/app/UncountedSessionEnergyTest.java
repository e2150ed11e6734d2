package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.estimate.Habits;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.upstream.message.Messages;
import org.orderly.gateway.upstream.message.SessionBody;
import org.orderly.gateway.web.view.Today;

/**
 * A pile that counts no session energy (a Modbus pile map without {@code energy.session.kwh}): what its sessions took
 * is not known, and is said so in the session's row, its upstream message and across a restart, not taken as 0.
 * Control cycles recorded into a real store: Tuesday from 21:10, the car drawing 7 kW for 10 minutes, then gone.
 */
class UncountedSessionEnergyTest {
    private static final Instant PLUGGED = tuesday("21:10");

    @TempDir
    Path dir;

    private RecordedCycles cycles;

    @BeforeEach
    void start() {
        cycles = new RecordedCycles(dir, PLUGGED, BeijingTariff.ZONE);
    }

    @AfterEach
    void stop() {
        cycles.close();
    }

    /** Until 2026-12-04 such a session's row and message said 0 kWh delivered. */
    @Test
    void anEndedSessionsEnergyIsNotKnownInItsRowAndItsMessage() throws Exception {
        cycles(0, 11 * 60);

        SessionRecord row = onlySession();
        assertThat(row.departure()).as("ended").isNotNull();
        assertThat(row.deliveredKWh()).as("delivered_kwh: not known, not 0").isNaN();
        assertThat(row.pileEnergyKWh()).as("pile_energy_kwh: no counter").isNaN();
        SessionBody message = Messages.session(row);
        assertThat(message.deliveredKnown()).as("the upstream message says it is not known").isFalse();
        assertThat(message.deliveredKwh()).as("beside the 0 a consumer before deliveredKnown reads").isZero();
        cycles.clock.set(PLUGGED.plus(Duration.ofMinutes(45)));
        assertThat(cycles.today().evKwh())
                .as("the page's today: the minutes heard, all that is known").isCloseTo(7.0 / 6, within(0.02));
    }

    /** A gateway that stops meanwhile tells the same car by its last sighting: the session goes on after a restart. */
    @Test
    void anOpenSessionIsCarriedAcrossARestartWithoutACounter() throws Exception {
        cycles(0, 5 * 60);

        SessionRecord row = onlySession();
        assertThat(row.departure()).as("still plugged in").isNull();
        assertThat(row.deliveredKWh()).isNaN();
        try (StoreReader reader = cycles.store.reader()) {
            CarriedSessions.Found found = CarriedSessions.read(reader, cycles.compound);
            assertThat(found.ended()).isEmpty();
            assertThat(found.carried()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(row.id());
                assertThat(c.pileEnergyKWh()).isNaN();
            });
        }
    }

    /**
     * The live departure teaches the habits the stay's length, which departures are believed from, and no energy
     * (until 2026-12-04 a 10-minute stay that took 0 kWh, then nothing at all).
     */
    @Test
    void aStayWhoseEnergyIsNotKnownTeachesTheHabitsItsLengthAndNoEnergy() {
        cycles(0, 11 * 60);

        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isEqualTo(1);
        Habits.Pairs habit = cycles.estimator.habits().pairsFor(0, PLUGGED);
        assertThat(habit.energyKWh()).as("the pile's own stay, its energy not known").containsOnlyOnce(Double.NaN);
        assertThat(habit.learned()).as("no energy learned").isFalse();
    }

    /**
     * The planner plans what the car still wants: after two hours drawing 7 kW it has taken about 14 kWh, which the
     * policy tells from the draw its pile says, as it would count them from a counter. Until 2026-12-04 it counted 0
     * delivered, and planned the car's whole likely energy again.
     */
    @Test
    void thePlanCountsWhatTheCarDrewWithoutACounter() throws Exception {
        double uncounted = plannedAfterTwoHoursAt7Kw(false);
        cycles.close();
        cycles = new RecordedCycles(dir.resolve("counted"), PLUGGED, BeijingTariff.ZONE);
        double counted = plannedAfterTwoHoursAt7Kw(true);

        assertThat(uncounted).as("kWh planned still to come, without a counter (with one: %.2f)", counted)
                .isCloseTo(counted, within(0.5));
    }

    /** What the plan in force gives the car still, once it has drawn 7 kW for two hours from 21:10. */
    private double plannedAfterTwoHoursAt7Kw(boolean counter) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("counted"));
        for (int s = 0; s <= 2 * 3600; s += 5) {
            Instant now = PLUGGED.plusSeconds(s);
            PileObservation pile = observation(0, true, 7, counter ? 7.0 * s / 3600 : 0, now).pluggedAt(Optional.of(PLUGGED))
                    .sessionPluggedAt(Optional.of(PLUGGED)).energyKnown(counter).build();
            cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
        }
        return java.util.Arrays.stream(cycles.policy.plan().sessions().values().iterator().next().kwhBySlot()).sum();
    }

    /**
     * A pile that measures neither its car's draw nor its energy (a Modbus map with neither register), its car drawing
     * 7 kW for 20 minutes, which the transformer reading holds: the cycles took the households as an upper bound (their
     * minutes' {@code base.bound.kw}), and today's figures name the session as not counted, counting it nowhere. Until
     * 2026-12-06 the page said its 0 kWh as measured, and the saving as covering every session.
     */
    @Test
    void aSessionWhosePileMeasuresNeitherItsDrawNorItsEnergyIsNotCountedInToday() throws Exception {
        for (int s = 0; s <= 20 * 60; s += 5) {
            Instant now = PLUGGED.plusSeconds(s);
            PileObservation pile = observation(0, true, 0, 0, now).drawKnown(false).energyKnown(false).build();
            cycles.cycle(now, new TransformerReading(27, now, Duration.ZERO), List.of(pile));
        }

        Today today = cycles.today();
        assertThat(today.notCounted()).as("the session, named").singleElement()
                .satisfies(u -> assertThat(u.pile()).isEqualTo("P1"));
        assertThat(today.evKwh()).as("in no figure").isZero();
        assertThat(cycles.readings("compound", "base.bound.kw", PLUGGED, PLUGGED.plus(Duration.ofMinutes(20))))
                .as("the households taken as an upper bound meanwhile").isNotEmpty()
                .allSatisfy(m -> assertThat(m.mean()).isPositive());
    }

    /** Cycles every 5 s from {@code fromS} to {@code toS} after the plug-in; the car leaves at 10 minutes. */
    private void cycles(int fromS, int toS) {
        for (int s = fromS; s <= toS; s += 5) {
            Instant now = PLUGGED.plusSeconds(s);
            boolean plugged = s < 10 * 60;
            PileObservation pile = observation(0, plugged, plugged ? 7 : 0, 0, now).energyKnown(false).build();
            cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
        }
    }

    private SessionRecord onlySession() throws InterruptedException {
        List<SessionRecord> all = cycles.sessions(PLUGGED.minus(Duration.ofHours(1)), PLUGGED.plus(Duration.ofHours(1)));
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
