package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;

/**
 * A pile that does not say what its car draws (its power NaN) is not taken as drawing nothing: the control cycle must
 * not take a car told to draw less as having followed on a figure nobody measured. Nor is a session energy it does not
 * count taken as a count of 0.
 */
class FieldViewDrawTest {
    private static final Instant NOW = Instant.parse("2026-01-13T15:00:00Z");
    private static final Tick TICK = new Tick(5_000_000_000L);

    private static PileState charging(String id, double powerKw) {
        return new PileState(id, ChargeState.C, 16, powerKw, 1.5, Optional.empty(), NOW, TICK);
    }

    /** The piles of {@code drivers}, no meter's lines read and no pile meters, on the test's ticker in real time. */
    private static FieldView viewOf(PileDriver... drivers) {
        return new FieldView(new LatestReadings(), "tx", List.of(drivers), TimeScale.REAL, () -> TICK, LineSource.NONE,
                Double.NaN, PileMeters.NONE);
    }

    @Test
    void aPowerThePileDoesNotSayIsNotKnownAndOneItSaysIs() {
        FieldView view = viewOf(new FixedPile(charging("p1", Double.NaN)), new FixedPile(charging("p2", 3.52)));

        List<PileObservation> piles = view.piles(NOW);

        assertThat(piles.get(0).drawKnown()).as("NaN: the pile did not say").isFalse();
        assertThat(piles.get(0).powerKw()).as("still a number for the sums that count it").isZero();
        assertThat(piles.get(1).drawKnown()).isTrue();
        assertThat(piles.get(1).powerKw()).isEqualTo(3.52);
    }

    /** Until 2026-12-04 a Modbus pile map without energy.session.kwh gave its sessions 0 kWh delivered. */
    @Test
    void aSessionEnergyThePileDoesNotCountIsNotKnownAndOneItCountsIs() {
        PileState uncounted = new PileState("p1", ChargeState.C, 16, 3.52, Double.NaN, Optional.empty(), NOW, TICK);
        FieldView view = viewOf(new FixedPile(uncounted), new FixedPile(charging("p2", 3.52)));

        List<PileObservation> piles = view.piles(NOW);

        assertThat(piles.get(0).energyKnown()).as("NaN: the pile counts no energy").isFalse();
        assertThat(piles.get(1).energyKnown()).isTrue();
        assertThat(piles.get(1).sessionEnergyKWh()).isEqualTo(1.5);
    }

    @Test
    void aPowerThePileEstimatesWhileItsMeterIsSilentIsNotKnown() {
        // A bridge whose pile meter is silent reports the most its offer allows (docs/firmware-bridge.md, meterOk): a
        // car cut from 32 A to 16 A would look as if it had followed at once.
        PileState estimated = new PileState("p1", ChargeState.C, 16, 3.52, 1.5, Optional.empty(), NOW, TICK, Optional.empty(),
                Optional.empty(), Optional.of(false), Optional.empty(), Optional.empty(), false);
        PileState measured = new PileState("p2", ChargeState.C, 16, 3.52, 1.5, Optional.empty(), NOW, TICK, Optional.empty(),
                Optional.empty(), Optional.of(true), Optional.empty(), Optional.empty(), false);
        FieldView view = viewOf(new FixedPile(estimated), new FixedPile(measured));

        List<PileObservation> piles = view.piles(NOW);

        assertThat(piles.get(0).drawKnown()).as("meterOk false: an estimate from the offer").isFalse();
        assertThat(piles.get(0).powerKw()).as("the estimate still counts in the sums").isEqualTo(3.52);
        assertThat(piles.get(1).drawKnown()).isTrue();
    }
}
