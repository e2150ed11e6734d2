package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.MinuteReading;

/**
 * A pile that did not measure what its car draws ({@code PileObservation.drawKnown} false): a Modbus pile map without
 * a power register (its 0 is no reading), or a firmware-bridge whose meter fails ({@code meterOk: false}, its
 * {@code powerKw} the most the offer allows). Its power is not recorded: its minutes are those it measured in.
 * Control cycles every 5 s on a controlled clock, recorded into a real store: Tuesday from 21:10, a car plugged in,
 * its draw measured at 7 kW but from 21:12 to 21:14, when its meter is silent and the pile says the 7.36 kW its
 * offer allows.
 */
class UnmeasuredDrawMinutesTest {
    private static final Instant START = tuesday("21:10");
    private static final Instant METER_SILENT = tuesday("21:12");
    private static final Instant METER_BACK = tuesday("21:14");

    /** Until 2026-12-04 the estimate was recorded as the pile's power: minutes 21:12 and 21:13 at 7.36 kW. */
    @Test
    void aDrawThePileDidNotMeasureIsNotRecorded(@TempDir Path dir) throws Exception {
        List<MinuteReading> minutes;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            meterSilentFrom2112To2114(cycles);
            minutes = cycles.readings("pile-P1", "power.kw", START, tuesday("21:15"));
        }

        assertThat(minutes).extracting(MinuteReading::minute).as("the minutes the pile measured its car's draw in")
                .containsExactly(START, tuesday("21:11"), METER_BACK);
    }

    /**
     * The compound's EV load still counts the estimate, as the cycle and telemetry's {@code evKw} do, and the part of it
     * no pile measured is recorded beside it ({@code ev.unmeasured.kw}, telemetry's {@code evUnmeasuredKw}), 0 in the
     * minutes all was measured in. Until 2026-12-04 nothing said which minutes of {@code ev.kw} were estimates.
     */
    @Test
    void theEvLoadsEstimatedPartIsRecordedBesideIt(@TempDir Path dir) throws Exception {
        List<MinuteReading> ev;
        List<MinuteReading> unmeasured;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            meterSilentFrom2112To2114(cycles);
            ev = cycles.readings("compound", "ev.kw", START, tuesday("21:15"));
            unmeasured = cycles.readings("compound", "ev.unmeasured.kw", START, tuesday("21:15"));
        }

        assertThat(ev).extracting(MinuteReading::mean).as("the EV load, the estimate in it")
                .containsExactly(7.0, 7.0, 7.36, 7.36, 7.0);
        assertThat(unmeasured).extracting(MinuteReading::minute).as("a minute of it beside each of the EV load's")
                .containsExactlyElementsOf(ev.stream().map(MinuteReading::minute).toList());
        assertThat(unmeasured).extracting(MinuteReading::mean).as("of it, what the pile did not measure")
                .containsExactly(0.0, 0.0, 7.36, 7.36, 0.0);
    }

    /** Cycles every 5 s from 21:10 to 21:15, the pile's meter silent from 21:12 to 21:14. */
    private static void meterSilentFrom2112To2114(RecordedCycles cycles) {
        for (Instant now = START; now.isBefore(tuesday("21:15")); now = now.plusSeconds(5)) {
            boolean measured = now.isBefore(METER_SILENT) || !now.isBefore(METER_BACK);
            PileObservation pile = observation(0, true, measured ? 7 : 7.36, 0.5, now).drawKnown(measured).build();
            cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
        }
    }

    /** A pile that never says what its car draws (a Modbus map without a power register) has no power minutes. */
    @Test
    void aPileWithoutAPowerRegisterHasNoPowerMinutes(@TempDir Path dir) throws Exception {
        List<MinuteReading> minutes;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            for (Instant now = START; now.isBefore(tuesday("21:12")); now = now.plusSeconds(5)) {
                PileObservation pile = observation(0, true, 0, 0.5, now).drawKnown(false).build();
                cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
            }
            minutes = cycles.readings("pile-P1", "power.kw", START, tuesday("21:12"));
        }

        assertThat(minutes).as("no 0 kW recorded as if measured").isEmpty();
    }
}
