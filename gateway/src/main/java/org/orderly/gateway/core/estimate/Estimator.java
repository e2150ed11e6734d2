package org.orderly.gateway.core.estimate;

import java.time.Instant;
import java.time.ZoneId;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Forms a {@link SessionBelief} for a vehicle at plug-in from what the resident declared, how
 * accurate declarations have been, and the pile's habits. It learns from every session that ends.
 */
public final class Estimator implements Beliefs {
    private static final double HABIT_KERNEL_SECONDS = 90 * 60;
    private static final double DECLARED_KERNEL_SECONDS = 10 * 60;
    private static final long MIN_STAY_SECONDS = 10 * 60;

    private final Habits habits;
    private final DeclarationAccuracy accuracy = new DeclarationAccuracy();

    public Estimator(ZoneId zone, int pileCount) {
        this.habits = new Habits(zone, pileCount);
    }

    @Override
    public void learn(PastSession s) {
        habits.learn(s);
        accuracy.learn(s);
    }

    public Habits habits() {
        return habits;
    }

    @Override
    public SessionBelief believe(PluggedSession s) {
        long arrival = s.arrival().getEpochSecond();
        Declaration d = s.declared();
        Habits.Pairs habit = d.hasDeparture()
                ? habits.pairsForStay(s.pileIndex(), s.arrival(), (d.departure().getEpochSecond() - arrival) / 3600.0)
                : habits.pairsFor(s.pileIndex(), s.arrival());

        double[] departures;
        double[] departureWeights;
        double kernel;
        if (d.hasDeparture()) {
            double[][] errors = accuracy.departureErrors();
            departures = new double[errors[0].length];
            for (int k = 0; k < departures.length; k++) {
                departures[k] = Math.max(arrival + MIN_STAY_SECONDS, d.departure().getEpochSecond() + errors[0][k]);
            }
            departureWeights = errors[1];
            kernel = DECLARED_KERNEL_SECONDS;
        } else {
            departures = departures(arrival, habit.hours());
            departureWeights = habit.weights();
            kernel = HABIT_KERNEL_SECONDS;
        }
        return withEnergy(s, d, habit, departures, departureWeights, kernel);
    }

    /**
     * The belief about a session whose departure is known for certain, its energy estimated as for a
     * declared departure. Not for the live gateway, which never knows a departure: simulation uses it
     * to measure what knowing every departure would be worth.
     */
    public SessionBelief believeKnownDeparture(PluggedSession s, Instant departure) {
        Declaration d = new Declaration(departure, s.declared().energyKWh());
        double at = Math.max(s.arrival().getEpochSecond() + MIN_STAY_SECONDS, departure.getEpochSecond());
        Habits.Pairs habit = habits.pairsForStay(s.pileIndex(), s.arrival(), (at - s.arrival().getEpochSecond()) / 3600.0);
        return withEnergy(s, d, habit, new double[] {at}, new double[] {1},
                SessionBelief.CERTAIN_KERNEL_SECONDS);
    }

    /** The departures of stays of {@code hours} from {@code arrival} (epoch seconds), none shorter than the least. */
    private static double[] departures(long arrival, double[] hours) {
        double[] out = new double[hours.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = arrival + Math.max(MIN_STAY_SECONDS, hours[k] * 3600);
        }
        return out;
    }

    /**
     * @param habits the pile's stays, with their energies where known: the energies are believed from those known
     *               alone, a stay whose energy is not known (its pile counts none) saying when a car leaves only
     */
    private SessionBelief withEnergy(PluggedSession s, Declaration d, Habits.Pairs habits, double[] departures,
                                     double[] departureWeights, double kernel) {
        Habits.Pairs habit = habits.energyKnown();
        double[] energies;
        double[] energyWeights;
        double[] paired;
        if (d.hasEnergy()) {
            double[][] implied = declaredEnergies(d);
            energies = implied[0];
            energyWeights = implied[1];
            // A declaration strays from the need by a factor of 0.5 to 2 now and then; the pile's
            // habits say which of the energies it implies this resident plausibly wants. Not with
            // the built-in default: a guess must not pull a real declaration toward itself.
            if (habit.learned()) {
                HabitEnergyDensity prior = new HabitEnergyDensity(habit.energyKWh(), habit.weights());
                for (int k = 0; k < energies.length; k++) {
                    energyWeights[k] *= prior.at(energies[k]);
                }
            }
            paired = nan(energies.length);
        } else if (d.hasDeparture()) {
            energies = habit.energyKWh();
            energyWeights = habit.weights();
            paired = nan(energies.length);
        } else {
            energies = habit.energyKWh();
            energyWeights = habit.weights();
            paired = departures(s.arrival().getEpochSecond(), habit.hours());
        }
        return new SessionBelief(s.arrival(), departures, departureWeights, kernel, energies, energyWeights, paired);
    }

    /** The energies a declaration implies, given how declarations have compared with needs: [values, weights]. */
    private double[][] declaredEnergies(Declaration d) {
        double[][] ratios = accuracy.energyRatios();
        double[] energies = new double[ratios[0].length];
        for (int k = 0; k < energies.length; k++) {
            energies[k] = d.energyKWh() * ratios[0][k];
        }
        return new double[][] {energies, ratios[1].clone()};
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
