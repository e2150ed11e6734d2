package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A tiny simulator: once a cycle it shows the policy what the gateway would see, takes its
 * setpoints, and lets each vehicle draw min(setpoint kW, its charger's kW, what it still wants).
 * Every cycle it checks that each pile got 0 or a current within its [min, max].
 */
final class CycleSimulator {
    static final Duration CYCLE = Duration.ofSeconds(60);
    static final double PENALTY = 1.8;

    /** One vehicle: what it can draw, what it wants in all, and what happened to it. */
    static final class Car {
        final String id;
        final int pile;
        final Instant arrival;
        Declaration declared;
        final double chargerKw;
        final double wantsKWh;
        double deliveredKWh;
        double lastDrawKw;
        final List<Double> amps = new ArrayList<>();
        final List<Double> draws = new ArrayList<>();
        final List<Instant> times = new ArrayList<>();

        Car(String id, int pile, Instant arrival, Declaration declared, double chargerKw, double wantsKWh) {
            this.id = id;
            this.pile = pile;
            this.arrival = arrival;
            this.declared = declared;
            this.chargerKw = chargerKw;
            this.wantsKWh = wantsKWh;
        }

        double lastAmps() {
            return amps.get(amps.size() - 1);
        }

        /** The start of the first cycle it was offered current, or null. */
        Instant firstOffer() {
            for (int k = 0; k < times.size(); k++) {
                if (amps.get(k) > 0) {
                    return times.get(k);
                }
            }
            return null;
        }

        /** The setpoint of the cycle that started at {@code t}. */
        double ampsAt(Instant t) {
            return amps.get(times.indexOf(t));
        }

        /** The setpoints of the cycles that started in [from, to). */
        List<Double> ampsBetween(Instant from, Instant to) {
            List<Double> out = new ArrayList<>();
            for (int k = 0; k < times.size(); k++) {
                if (!times.get(k).isBefore(from) && times.get(k).isBefore(to)) {
                    out.add(amps.get(k));
                }
            }
            return out;
        }

        /** Energy delivered in the cycles that started in [from, to). */
        double deliveredBetween(Instant from, Instant to) {
            double sum = 0;
            for (int k = 0; k < times.size(); k++) {
                if (!times.get(k).isBefore(from) && times.get(k).isBefore(to)) {
                    sum += draws.get(k) * CYCLE.getSeconds() / 3600.0;
                }
            }
            return sum;
        }
    }

    /** What one cycle looked like: the limit in force, the household load, the setpoints. */
    record Cycle(Instant at, double baseKw, double limitKw, double[] amps, double offeredEvKw) {
    }

    final VirtualClock clock;
    final Compound compound;
    final ChargingPolicy policy;
    double baseKw = 30;
    final List<GridCap> caps = new ArrayList<>();
    final Map<String, Car> cars = new LinkedHashMap<>();
    final List<Cycle> cycles = new ArrayList<>();

    CycleSimulator(Compound compound, Instant start, ChargingPolicy policy) {
        this.compound = compound;
        this.clock = new VirtualClock(start, ZONE);
        this.policy = policy;
    }

    /** The product policy with default settings, penalty 1.8/kWh, one-minute cycles. */
    static CycleSimulator orderly(Compound compound, Instant start) {
        return new CycleSimulator(compound, start, policyFor(compound, BeijingTariff.tariff(), OrderlySettings.defaults(PENALTY, CYCLE))
                .build());
    }

    OrderlyPolicy orderlyPolicy() {
        return (OrderlyPolicy) policy;
    }

    Instant now() {
        return clock.instant();
    }

    /** The next time the local clock reads {@code hhmm}. */
    Instant next(String hhmm) {
        return BeijingTariff.next(now(), hhmm);
    }

    CycleSimulator base(double kw) {
        this.baseKw = kw;
        return this;
    }

    Car plug(String id, int pile, double chargerKw, double wantsKWh, Declaration declared) {
        Car car = new Car(id, pile, now(), declared, chargerKw, wantsKWh);
        cars.put(id, car);
        return car;
    }

    /** The resident (or the property manager) declares after plug-in. */
    void declare(String id, Declaration declared) {
        cars.get(id).declared = declared;
    }

    void unplug(String id) {
        cars.remove(id);
    }

    /** A grid cap from now until the next {@code until}. */
    GridCap capNow(String id, String until, double kw) {
        GridCap cap = new GridCap(id, now(), next(until), kw);
        caps.add(cap);
        return cap;
    }

    Cycle step() {
        Instant now = now();
        List<PluggedSession> plugged = new ArrayList<>();
        for (Car c : cars.values()) {
            plugged.add(new PluggedSession(c.id, c.pile, c.arrival, c.declared, c.deliveredKWh, c.lastDrawKw));
        }
        Allocation a = policy.decide(new Snapshot(now, baseKw, plugged, caps));
        double offered = 0;
        for (int i = 0; i < compound.pileCount(); i++) {
            double amps = a.amps()[i];
            Pile pile = compound.pile(i);
            if (amps != 0) {
                assertThat(amps).as("setpoint of pile %s at %s", pile.id(), now)
                        .isBetween(pile.minCurrentA() - 1e-9, pile.maxCurrentA() + 1e-9);
            }
            offered += compound.kw(i, amps);
        }
        double hours = CYCLE.getSeconds() / 3600.0;
        for (Car c : cars.values()) {
            double amps = a.amps()[c.pile];
            double draw = Math.max(0, Math.min(Math.min(compound.kw(c.pile, amps), c.chargerKw),
                    (c.wantsKWh - c.deliveredKWh) / hours));
            c.deliveredKWh += draw * hours;
            c.lastDrawKw = draw;
            c.amps.add(amps);
            c.draws.add(draw);
            c.times.add(now);
        }
        Cycle cycle = new Cycle(now, baseKw, ChargingPolicy.limitAt(compound, caps, now), a.amps().clone(), offered);
        cycles.add(cycle);
        clock.advanceSeconds(CYCLE.getSeconds());
        return cycle;
    }

    /** Runs cycles until the clock reaches {@code t}; returns them. */
    List<Cycle> runUntil(Instant t) {
        List<Cycle> out = new ArrayList<>();
        while (now().isBefore(t)) {
            out.add(step());
        }
        return out;
    }

    List<Cycle> runUntil(String hhmm) {
        return runUntil(next(hhmm));
    }
}
