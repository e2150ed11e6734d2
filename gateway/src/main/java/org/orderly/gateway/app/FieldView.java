package org.orderly.gateway.app;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;

/**
 * What the control thread sees of the field, without waiting: the transformer meter's newest total power,
 * phases' powers and each line's load where its map reads them (from the pollers' {@link LatestReadings}) and each
 * pile's newest status (from its driver), its draw measured by its bus meter where the pile does not measure it
 * ({@link PileMeters}). Piles are in compound order: {@code drivers.get(i)} is pile {@code i}. A reading's age is
 * measured on the ticker, never as the wall clock's now less its stamp: NTP may step the wall clock between the two.
 */
public final class FieldView {
    /** The quantity of the transformer meter's register map that the control loop uses. */
    public static final String TOTAL_POWER = MeterQuantities.TOTAL_POWER;
    /** The phases' powers, which the control loop checks for power flowing back to the grid. */
    private static final List<String> PHASE_POWERS = MeterQuantities.PHASE_POWERS;
    /** The lines' currents, which telemetry reports beside the total of the same reading. */
    private static final List<String> PHASE_CURRENTS = MeterQuantities.PHASE_CURRENTS;

    private final LatestReadings readings;
    private final String transformerMeter;
    private final List<PileDriver> drivers;
    private final TimeScale scale;
    private final Ticker ticker;
    private final LineSource lines;
    private final double phaseVoltageV;
    private final PileMeters pileMeters;
    /** Says a pile meter reading more than its pile can draw, once, not at every cycle. */
    private final ImpossibleDrawLog impossibleDraws = new ImpossibleDrawLog();
    /** Says a pile's report that cannot be placed, once, not at every cycle. */
    private final UnplaceableReportLog unplaceable = new UnplaceableReportLog();
    /** By pile, the last report placed; null before the first. The control thread's only. */
    private final PileState[] lastPlaced;

    /**
     * Field times are the world's already (the gateway gives the pollers and drivers the world's clock to stamp with);
     * ages (the ticker's, which the pollers and drivers share) are handed to the control cycle as the world's durations
     * through {@code scale}. Each line's load comes from {@code lines} (its
     * currents at {@code phaseVoltageV}, the transformer's), and a pile's draw that it does not measure from its meter
     * of {@code pileMeters}.
     */
    public FieldView(LatestReadings readings, String transformerMeter, List<PileDriver> drivers, TimeScale scale,
                     Ticker ticker, LineSource lines, double phaseVoltageV, PileMeters pileMeters) {
        this.readings = readings;
        this.pileMeters = pileMeters;
        this.lines = lines;
        this.phaseVoltageV = phaseVoltageV;
        this.transformerMeter = transformerMeter;
        this.drivers = List.copyOf(drivers);
        this.lastPlaced = new PileState[this.drivers.size()];
        this.scale = scale;
        this.ticker = ticker;
    }

    /** The newest transformer total, or null when the meter has never given one. */
    public TransformerReading transformer() {
        Optional<Reading> r = readings.latest(transformerMeter);
        if (r.isEmpty()) {
            return null;
        }
        OptionalDouble kw = r.get().value(TOTAL_POWER);
        Duration heardAgo = r.get().age(ticker.now());
        return kw.isPresent() ? new TransformerReading(kw.getAsDouble(), r.get().readAt(),
                scale.toWorld(heardAgo), quantities(r.get(), PHASE_POWERS), lines.lines(r.get()::value, phaseVoltageV),
                quantities(r.get(), PHASE_CURRENTS), heardAgo) : null;
    }

    /** Those of {@code quantities} the meter's map reads, by quantity; one it does not read is left out. */
    private static Map<String, Double> quantities(Reading r, List<String> quantities) {
        Map<String, Double> out = new HashMap<>();
        for (String q : quantities) {
            r.value(q).ifPresent(v -> out.put(q, v));
        }
        return out;
    }

    /**
     * Each pile's latest status; a pile not heard from yet counts as unplugged and drawing nothing, marked as not
     * reported (a session open on it when the gateway stopped waits for its first report). A status's age is real time
     * on the ticker, not the world's: the drivers re-read a silent pile on real time, and so the control cycle's offline
     * time ({@code control.pileOfflineAfterMs}) is. A pile's report that cannot be placed fails that pile alone
     * ({@link #placed}), never the others or the cycle. Called by the control thread only.
     *
     * @param now the world's time now
     */
    public List<PileObservation> piles(Instant now) {
        List<PileObservation> out = new ArrayList<>(drivers.size());
        Tick tick = ticker.now();
        for (int i = 0; i < drivers.size(); i++) {
            Optional<PileState> s = drivers.get(i).latest();
            out.add(s.isEmpty() ? PileObservation.notReported(i, now) : placed(i, s.get(), now, tick));
        }
        return out;
    }

    /**
     * Pile {@code i}'s report {@code p} as the cycle sees it. One that cannot be placed (a duration no instant before
     * its reading's time reaches: a bridge's {@code pluggedSeconds} of 2^63-1 threw {@code DateTimeException} here
     * until 2026-12-07, and with it every control cycle, no pile offered a current) is not heard: the one placed before
     * stands, ageing until the pile is offline, as a driver keeps its last status when one is refused; none placed yet,
     * the pile is not heard from yet. Said at ERROR once ({@link UnplaceableReportLog}); the other piles are seen as ever.
     */
    private PileObservation placed(int i, PileState p, Instant now, Tick tick) {
        PileObservation seen;
        try {
            seen = observed(i, p, tick);
        } catch (DateTimeException | ArithmeticException e) {
            // Only a time that cannot be placed: any other fault of a pile's view is a bug, and says so as one.
            unplaceable.refused(p.pileId(), e);
            PileState before = lastPlaced[i];
            return before == null ? PileObservation.notReported(i, now) : observed(i, before, tick);
        }
        lastPlaced[i] = p;
        unplaceable.placed(p.pileId());
        return seen;
    }

    private PileObservation observed(int i, PileState p, Tick tick) {
        Instant readAt = p.readAt();
        // The pile counted on its own monotonic clock up to its answer; readAt is when that answer came.
        Optional<Instant> pluggedAt = p.pluggedFor().map(d -> readAt.minus(scale.toWorld(d)));
        Optional<Instant> sessionPluggedAt = p.sessionPluggedFor().map(d -> readAt.minus(scale.toWorld(d)));
        Optional<LastEndedSession> lastSession = p.lastSession().map(ended -> new LastEndedSession(
                readAt.minus(scale.toWorld(ended.pluggedFor())), readAt.minus(scale.toWorld(ended.endedFor())),
                ended.energyKwh(), ended.pluggedAtStart()));
        // Its times stay the pile's, saying whether it is heard; the draw's are the meter reading's where its
        // bus meter measured it, by which the control cycle matches it with the transformer reading.
        PileMeters.Draw draw = pileMeters.draw(i, p, readings, tick);
        impossibleDraws.seen(p.pileId(), draw.impossible(), draw.meterFresh());
        // A pile that counts no session energy (a Modbus map without the register) says 0, not a count.
        return new PileObservation(i, p.state().plugged(), finite(draw.kw()), finite(p.sessionEnergyKwh()),
                readAt, true, pluggedAt, p.age(tick), draw.measured(), sessionPluggedAt,
                Double.isFinite(p.sessionEnergyKwh()), lastSession, draw.at(),
                draw.age(tick), p.pluggedAtStart(), p.state().fault());
    }

    /**
     * Whether pile {@code pileId}'s last report could not be placed ({@link #placed}): the cycle takes it as not heard
     * while it lasts, and the page says why (its clock to check). Any thread.
     */
    public boolean reportUnplaceable(String pileId) {
        return unplaceable.standing(pileId);
    }

    public List<PileDriver> drivers() {
        return drivers;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
