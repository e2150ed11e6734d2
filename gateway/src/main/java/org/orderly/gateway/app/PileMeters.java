package org.orderly.gateway.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MeterConfig;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.pile.PileRating;
import org.orderly.gateway.field.pile.PileState;

/**
 * The piles' own bus meters ({@code meters.piles[]}), which measure a car's draw where its pile does not: a Modbus pile
 * whose map reads no power, a firmware-bridge whose meter is silent ({@code meterOk: false}). A pile that measures its
 * draw keeps its word: its measurement comes with the status it belongs to, by whose time the control cycle matches it
 * with the transformer reading, while the bus meter is read round-robin, at another moment. A meter's reading serves
 * while no older than a transformer reading may be ({@code control.staleAfterMs}, on the ticker): the draw is taken
 * off a transformer reading's total, so the two had better be of about the same moment. An older one, none, or one
 * without a plausible total leaves the pile's word as it is: a total below zero, or above what the pile can draw
 * ({@link ImpossibleDraw}: a map of the wrong scale or word order reads a gigawatt), is no car's draw.
 *
 * @param meterOfPile  the meter's id, by the pile's place in compound order
 * @param freshFor     how old a reading may be and still serve, in real time
 * @param ratingOfPile each metered pile's {@code maxA} and phases, by its place, bounding what its meter may read
 */
public record PileMeters(Map<Integer, String> meterOfPile, Duration freshFor, Map<Integer, PileRating> ratingOfPile) {
    /** No pile has a meter of its own. */
    public static final PileMeters NONE = new PileMeters(Map.of(), Duration.ZERO);

    public PileMeters {
        meterOfPile = Map.copyOf(meterOfPile);
        Objects.requireNonNull(freshFor, "freshFor");
        ratingOfPile = Map.copyOf(ratingOfPile);
    }

    /** Meters whose piles' ratings are not known: a total is bounded below only. */
    public PileMeters(Map<Integer, String> meterOfPile, Duration freshFor) {
        this(meterOfPile, freshFor, Map.of());
    }

    /** The configuration's pile meters, each serving its pile while no older than {@code control.staleAfterMs}. */
    public static PileMeters of(GatewayConfig config) {
        Map<String, Integer> indexOf = new HashMap<>();
        List<PileConfig> piles = config.piles();
        for (int i = 0; i < piles.size(); i++) {
            indexOf.put(piles.get(i).pile().id(), i);
        }
        Map<Integer, String> meterOfPile = new HashMap<>();
        Map<Integer, PileRating> ratingOfPile = new HashMap<>();
        for (MeterConfig m : config.pileMeters()) {
            // The configuration has held each pile meter to a pile it names, one meter a pile.
            int pile = Objects.requireNonNull(indexOf.get(m.pile()), () -> "pile meter " + m.id()
                    + " names pile '" + m.pile() + "', not in compound.piles");
            meterOfPile.put(pile, m.id());
            ratingOfPile.put(pile, piles.get(pile).rating());
        }
        return new PileMeters(meterOfPile, config.control().staleAfter(), ratingOfPile);
    }

    /**
     * What pile {@code pile} is taken to draw, its driver's latest status being {@code said}: its own measurement, else
     * its meter's fresh total, else what it said (NaN when nothing), not measured; and what its meter read, judged once
     * here for the cycle that says it ({@link Draw#impossible}, {@link Draw#meterFresh}), whichever it is taken from.
     *
     * @param now the ticker's now, by which the meter's reading is aged
     */
    public Draw draw(int pile, PileState said, LatestReadings readings, Tick now) {
        Reading fresh = fresh(pile, readings, now);
        Double total = fresh == null ? null : fresh.values().get(MeterQuantities.TOTAL_POWER);
        PileRating rating = ratingOfPile.get(pile);
        ImpossibleDraw impossible = total == null || rating == null ? null
                : ImpossibleDraw.judged(said.pileId(), meterOfPile.get(pile), total, rating);
        if (said.drawMeasured()) {
            return new Draw(said.powerKw(), true, said.readAt(), said.tick(), impossible, fresh != null);
        }
        // A total below zero is a meter wired the wrong way round, one above what the pile can draw a map or CT wrong.
        boolean plausible = total != null && Double.isFinite(total) && !PileRating.flowsBack(total)
                && impossible == null;
        return plausible ? new Draw(total, true, fresh.readAt(), fresh.tick(), null, true)
                : new Draw(said.powerKw(), false, said.readAt(), said.tick(), impossible, fresh != null);
    }

    /** Pile {@code pile}'s meter's newest reading, where it has a meter and it is fresh, whatever it reads; else null. */
    private Reading fresh(int pile, LatestReadings readings, Tick now) {
        String meter = meterOfPile.get(pile);
        if (meter == null) {
            return null;
        }
        Reading newest = readings.latest(meter).orElse(null);
        return newest == null || newest.isStale(now, freshFor) ? null : newest;
    }

    /**
     * A pile's draw as the gateway takes it, and when it was so: the pile's status's time where the pile says it, its
     * bus meter's reading's (when that poll began) where the meter measured it. The two differ by up to a round of the
     * bus or a bridge's report interval, and the control cycle matches a draw with the transformer reading by it.
     *
     * @param kw         in kW; NaN when neither the pile nor a meter says it
     * @param measured   whether a meter measured it (the pile's own or its bus meter), not estimated nor left unsaid
     * @param at         the wall clock's time then, by which a new draw is told from one seen before
     * @param tick       the ticker's then, by which it is aged
     * @param impossible the pile's meter's fresh total, where above what the pile can draw: a reading taken as none,
     *                   which the caller says (once, not at every cycle it is seen again); null when none is
     * @param meterFresh whether the pile's meter has a fresh reading at all: one that is not impossible reads a
     *                   possible draw
     */
    public record Draw(double kw, boolean measured, Instant at, Tick tick, ImpossibleDraw impossible,
                       boolean meterFresh) {
        public Draw {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(tick, "tick");
        }

        /** How old the draw is at {@code now}; never negative (a poller may stamp it after the caller took now). */
        public Duration age(Tick now) {
            Duration d = now.since(tick);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }
}
