package org.orderly.text;

/**
 * A number of things as a person says it: {@code 1 pile}, {@code 2 piles}, {@code once}, {@code 3 times}; not the
 * {@code pile(s)} or {@code time(s)} of a line that did not look at its number.
 */
public final class Count {
    private Count() {
    }

    /** {@code 1 pile}, {@code 0 piles}, {@code 2 piles}: a noun whose plural adds an s. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code 1 bus}, {@code 2 buses}: a noun with a plural of its own. */
    public static String of(long n, String one, String many) {
        return n + " " + word(n, one, many);
    }

    /** The word that agrees with {@code n}, without it: a verb after a counted noun ({@code is}, {@code are}). */
    public static String word(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    /** {@code once}, {@code 2 times}, {@code 0 times}. */
    public static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }
}
