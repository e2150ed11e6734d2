package org.orderly.gateway.app;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run of {@link SwingBench} did, from samples of the households' and the cars' load on each line: how long and
 * by how much the transformer or a line was over its limit because of the cars (the excess with the cars less the
 * excess the households alone would have made), how long each such spell lasted, and the cars' energy against the
 * room the households left. Not thread-safe: one sampling thread.
 */
final class SwingTally {
    /** An excess below this (kW) is rounding, not an overload. */
    static final double EPS_KW = 0.01;

    private final double transformerKw;
    private final double lineKw;
    /** Per line, the most the cars on it can draw (their chargers). */
    private final double[] carsLineKw;
    private double seconds;
    private double carOverSeconds;
    private double householdsOverSeconds;
    private double transformerOverKwh;
    private double linesOverKwh;
    private double worstTransformerKw;
    private double worstLineKw;
    private double evKwh;
    private double roomKwh;
    private double spellSeconds = -1;
    private long spellFromCycle;
    private double spellFromS;
    private final List<double[]> spells = new ArrayList<>();

    SwingTally(double transformerKw, double lineKw, double[] carsLineKw) {
        this.transformerKw = transformerKw;
        this.lineKw = lineKw;
        this.carsLineKw = carsLineKw.clone();
    }

    /**
     * @param dt          seconds since the last sample
     * @param households  per line, the households' kW
     * @param cars        per line, the cars' kW
     * @param cycle       the gateway's control cycles so far
     */
    void sample(double dt, double[] households, double[] cars, long cycle) {
        seconds += dt;
        double hhTotal = 0;
        double withTotal = 0;
        double lineExcess = 0;
        boolean householdsOver = false;
        double room = 0;
        for (int l = 0; l < 3; l++) {
            hhTotal += households[l];
            withTotal += households[l] + cars[l];
            double excess = over(households[l] + cars[l], lineKw) - over(households[l], lineKw);
            lineExcess += excess;
            worstLineKw = Math.max(worstLineKw, excess);
            householdsOver |= households[l] > lineKw + EPS_KW;
            room += Math.min(Math.max(0, lineKw - households[l]), carsLineKw[l]);
            evKwh += cars[l] * dt / 3600;
        }
        double transformerExcess = over(withTotal, transformerKw) - over(hhTotal, transformerKw);
        householdsOver |= hhTotal > transformerKw + EPS_KW;
        room = Math.min(room, Math.max(0, transformerKw - hhTotal));
        roomKwh += room * dt / 3600;
        worstTransformerKw = Math.max(worstTransformerKw, transformerExcess);
        transformerOverKwh += transformerExcess * dt / 3600;
        linesOverKwh += lineExcess * dt / 3600;
        if (householdsOver) {
            householdsOverSeconds += dt;
        }
        boolean carsOver = transformerExcess > EPS_KW || lineExcess > EPS_KW;
        if (carsOver) {
            carOverSeconds += dt;
            if (spellSeconds < 0) {
                spellSeconds = 0;
                spellFromCycle = cycle;
                spellFromS = seconds - dt;
            }
            spellSeconds += dt;
        } else if (spellSeconds >= 0) {
            spells.add(new double[] {spellSeconds, cycle - spellFromCycle, spellFromS});
            spellSeconds = -1;
        }
    }

    private static double over(double load, double limit) {
        return Math.max(0, load - limit);
    }

    /** The run's figures, in the order of {@link #HEADER}. */
    Row row() {
        List<double[]> all = new ArrayList<>(spells);
        if (spellSeconds >= 0) {
            all.add(new double[] {spellSeconds, -1, spellFromS});
        }
        double longest = all.stream().mapToDouble(s -> s[0]).max().orElse(0);
        double mostCycles = all.stream().mapToDouble(s -> s[1]).max().orElse(0);
        double[] lengths = all.stream().mapToDouble(s -> s[0]).sorted().toArray();
        double median = lengths.length == 0 ? 0 : lengths[lengths.length / 2];
        return new Row(seconds, householdsOverSeconds, carOverSeconds, transformerOverKwh, linesOverKwh,
                worstTransformerKw, worstLineKw, all.size(), median, longest, mostCycles, evKwh, roomKwh);
    }

    /** Each spell over because of the cars: its start (s into the run), its length (s) and the cycles it spanned. */
    List<String> spells() {
        return spells.stream().map(sp -> String.format(java.util.Locale.ROOT, "%.2f+%.2fs/%.0fc", sp[2], sp[0], sp[1]))
                .toList();
    }

    static final String HEADER = "seconds hhOverS carOverS trafoOverKWh linesOverKWh worstTrafoKw worstLineKw spells "
            + "spellMedianS spellMaxS spellMaxCycles evKWh roomKWh evOfRoom";

    /** One run's figures. */
    record Row(double seconds, double householdsOverS, double carOverS, double transformerOverKwh, double linesOverKwh,
               double worstTransformerKw, double worstLineKw, int spells, double spellMedianS, double spellMaxS,
               double spellMaxCycles, double evKwh, double roomKwh) {
        double[] values() {
            return new double[] {seconds, householdsOverS, carOverS, transformerOverKwh, linesOverKwh,
                    worstTransformerKw, worstLineKw, spells, spellMedianS, spellMaxS, spellMaxCycles, evKwh, roomKwh,
                    roomKwh > 0 ? evKwh / roomKwh : 0};
        }
    }
}
