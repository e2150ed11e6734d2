package org.orderly.tools.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.orderly.gateway.core.session.Declaration;

/**
 * Cars coming and going as at a residential compound, by the compound's local time: most arrive in the evening (17:00
 * to 22:00), some by day, few at night; one that arrives from 16:00 to 05:00 mostly stays the night and leaves between
 * 07:00 and 09:00, otherwise it leaves after 1 to 5 hours. Each car wants 5 to 30 kWh and stops drawing when it has
 * them. Half the residents declare when they leave (to the quarter hour before) and what they want (to the kWh), as on
 * the page's reservation; the others declare nothing.
 * Until 2026-12-05 a car arrived at an empty pile with one chance in 500 per world second at any hour and left with one
 * in 1,000 (stays of about 17 minutes), so no car could wait for a cheaper hour and the page's saving was always ¥0.
 * Seeded, and moved on by the world time given it, so a demo run is repeatable and a test can drive it.
 */
final class VehicleTraffic {
    /** A pile the traffic parks cars at. */
    interface Bay {
        /**
         * A car wanting {@code needKwh} is plugged in; its resident declares {@code declared} (or
         * {@link Declaration#NONE}).
         */
        void arrive(double needKwh, Declaration declared);

        /** The car is unplugged and leaves. */
        void leave();
    }

    /** Arrivals per hour at an empty pile, by the local hour they fall in. */
    private static final double[] ARRIVALS_PER_HOUR = {
            0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.04, 0.04, 0.04,
            0.04, 0.04, 0.04, 0.04, 0.04, 0.30, 0.30, 0.30, 0.30, 0.30, 0.08, 0.08};
    /** Of the cars arriving from 16:00 to 05:00, the share that stays the night. */
    private static final double STAYS_THE_NIGHT = 0.85;
    private static final LocalTime MORNING = LocalTime.of(7, 0);
    private static final double MIN_KWH = 5;
    private static final double MAX_KWH = 30;
    private static final double DECLARES = 0.5;
    /** Longer world steps are taken in parts no longer than this, so an hour's rate applies within its hour. */
    private static final Duration MAX_STEP = Duration.ofMinutes(5);

    private final List<? extends Bay> bays;
    private final Random random;
    private final ZoneId zone;
    /** When each bay's car leaves; null while the bay is empty. */
    private final Instant[] leaves;
    private Instant last;

    VehicleTraffic(List<? extends Bay> bays, long seed, ZoneId zone) {
        this.bays = bays;
        this.random = new Random(seed);
        this.zone = zone;
        this.leaves = new Instant[bays.size()];
    }

    /**
     * The cars there at {@code now}: the traffic of the day before is run without the bays, and those of its cars still
     * there are plugged in, so that a demo started in the evening opens on a full garage and one started at noon on a
     * nearly empty one. At least one car is there, so the page has a car to show at any hour.
     */
    synchronized void start(Instant now) {
        double[] needs = new double[bays.size()];
        Declaration[] declared = new Declaration[bays.size()];
        last = now.minus(Duration.ofDays(1));
        advance(now, needs, declared);
        if (Arrays.stream(leaves).allMatch(Objects::isNull)) {
            needs[0] = need();
            leaves[0] = now.plus(hours(1, 5));
            declared[0] = declaration(leaves[0], needs[0]);
        }
        for (int i = 0; i < leaves.length; i++) {
            if (leaves[i] != null) {
                bays.get(i).arrive(needs[i], stillAhead(declared[i], now));
            }
        }
    }

    /**
     * What a resident of a car already there at the start declares: the departure it gave only while it is ahead. It is
     * the quarter hour before the car leaves, so a car found there in its last quarter hour has a declared departure
     * already past, which the page's reservation form refuses and which the page showed as the car's departure with an
     * estimated finish after it (until 2026-12-06); its resident declares the energy alone.
     */
    private static Declaration stillAhead(Declaration d, Instant now) {
        return d.hasDeparture() && !d.departure().isAfter(now) ? new Declaration(null, d.energyKWh()) : d;
    }

    /** Moves the traffic on to {@code now}: cars due leave, and empty piles get cars at the hour's rate. */
    synchronized void step(Instant now) {
        if (last == null) {
            throw new IllegalStateException("the traffic steps only after start");
        }
        advance(now, null, null);
    }

    /** Runs the traffic to {@code now}; with {@code needs}, records arrivals there instead of telling the bays. */
    private void advance(Instant now, double[] needs, Declaration[] declared) {
        while (last.isBefore(now)) {
            Instant to = last.plus(MAX_STEP).isBefore(now) ? last.plus(MAX_STEP) : now;
            double hours = Duration.between(last, to).toNanos() / 3.6e12;
            double rate = ARRIVALS_PER_HOUR[to.atZone(zone).getHour()];
            for (int i = 0; i < leaves.length; i++) {
                if (leaves[i] != null && !leaves[i].isAfter(to)) {
                    leaves[i] = null;
                    if (needs == null) {
                        bays.get(i).leave();
                    }
                } else if (leaves[i] == null && random.nextDouble() < 1 - Math.exp(-rate * hours)) {
                    leaves[i] = departure(to);
                    double need = need();
                    Declaration d = declaration(leaves[i], need);
                    if (needs == null) {
                        bays.get(i).arrive(need, d);
                    } else {
                        needs[i] = need;
                        declared[i] = d;
                    }
                }
            }
            last = to;
        }
    }

    private double need() {
        return MIN_KWH + random.nextDouble() * (MAX_KWH - MIN_KWH);
    }

    /** What a resident declares of a car leaving at {@code leaves} and wanting {@code needKwh}: half declare nothing. */
    private Declaration declaration(Instant leaves, double needKwh) {
        if (random.nextDouble() >= DECLARES) {
            return Declaration.NONE;
        }
        Instant quarter = Instant.ofEpochSecond(leaves.getEpochSecond() / 900 * 900);
        return new Declaration(quarter, Math.max(1, Math.round(needKwh)));
    }

    /** When a car arriving at {@code arrival} leaves. */
    private Instant departure(Instant arrival) {
        ZonedDateTime local = arrival.atZone(zone);
        int hour = local.getHour();
        if ((hour >= 16 || hour < 5) && random.nextDouble() < STAYS_THE_NIGHT) {
            ZonedDateTime morning = local.toLocalDate().plusDays(hour >= 16 ? 1 : 0).atTime(MORNING).atZone(zone);
            return morning.toInstant().plus(hours(0, 2));
        }
        return arrival.plus(hours(1, 5));
    }

    private Duration hours(double from, double to) {
        return Duration.ofSeconds(Math.round((from + random.nextDouble() * (to - from)) * 3600));
    }
}
