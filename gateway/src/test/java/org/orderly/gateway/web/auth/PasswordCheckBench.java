package org.orderly.gateway.web.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long one sign-in's password check takes ({@link PasswordHash#matches}: PBKDF2-HMAC-SHA256 of
 * {@link PasswordHash#ITERATIONS} rounds), the figure docs/web.md ("Monitoring", the sign-in throttle) gives for why
 * checks run one at a time (docs/benchmarks.md, "A sign-in's password check"; run by
 * {@code tools/bench/password-check.sh}). Not a test: a main. One check first to warm the JVM, then RUNS checks of a
 * right password against a stored hash, each timed; prints each and the median.
 *
 * <pre>
 *   PasswordCheckBench [RUNS]     (default 7)
 * </pre>
 */
public final class PasswordCheckBench {
    private PasswordCheckBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        char[] password = "correct horse battery staple".toCharArray();
        String stored = PasswordHash.hash(password);
        if (!PasswordHash.matches(password, stored)) {
            throw new IllegalStateException("the password does not match its own hash");
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            PasswordHash.matches(password, stored);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d checks of %,d PBKDF2 rounds, ms: %s; median %.0f ms%n", runs,
                PasswordHash.ITERATIONS, Arrays.toString(Arrays.stream(ms).mapToLong(Math::round).toArray()),
                sorted[runs / 2]);
    }
}
