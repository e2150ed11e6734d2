package org.orderly.gateway.app.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for mistyped keys and names: the closest candidate within a small edit distance (swaps count once). */
final class Suggest {
    private Suggest() {
    }

    static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(typed.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= within(typed) ? Optional.of(best) : Optional.empty();
    }

    /**
     * Whether {@code typed} may be {@code meant} written another way: near enough for {@link #closest}, or one holds the
     * other whole, ignoring case (maxAmps holds maxA; voltage is in phaseVoltageV), the one held at least three letters
     * long. An unknown key is blamed for a missing one only so: 'note' is nothing like 'maxA'.
     */
    static boolean resembles(String typed, String meant) {
        String a = typed.toLowerCase(Locale.ROOT);
        String b = meant.toLowerCase(Locale.ROOT);
        boolean aShorter = a.length() <= b.length();
        String shorter = aShorter ? a : b;
        String longer = aShorter ? b : a;
        return distance(a, b) <= within(typed) || (shorter.length() >= 3 && longer.contains(shorter));
    }

    /** How many edits a typed name may be from the one it was meant to be. */
    private static int within(String typed) {
        return Math.max(1, typed.length() / 3);
    }

    static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> "did you mean '" + c + "'? ").orElse("");
    }

    /** The edits from one to the other (a swap of neighbours counts once), ignoring case. */
    static int distanceIgnoringCase(String a, String b) {
        return distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
