package org.orderly.serial;

/**
 * The wait before a request that follows an exchange cut while its reply still came (a meter or converter sending it a
 * byte at a time): what comes is read and thrown away until the line has been quiet for a while. A port discards only
 * what has come before a request, and the rest of such a reply, still coming, was read as the next request's answer
 * (Modbus RTU, {@link RtuMaster#discardUntilQuiet}) or met it on the line (DL/T 645, the gateway's Dlt645Client). One
 * piece for both.
 */
public final class QuietWait {
    private QuietWait() {
    }

    /** One read of the port, failing with {@code E}. */
    @FunctionalInterface
    public interface Read<E extends Exception> {
        /**
         * Reads into {@code buffer} what comes within {@code waitMillis} of quiet: the bytes read, 0 when none came in
         * that time, negative when the port failed.
         */
        int read(byte[] buffer, int waitMillis) throws E;
    }

    /**
     * Reads and throws away what comes until nothing has come for {@code quietMillis}, or {@code boundMillis} have
     * passed, whichever is first.
     *
     * @throws E what {@code read} throws
     */
    public static <E extends Exception> InputDiscarded discard(Read<E> read, int quietMillis, long boundMillis) throws E {
        return discard(read, quietMillis, 0, boundMillis);
    }

    /**
     * As {@link #discard(Read, int, long)}, the line known to have been quiet for {@code alreadyQuietMillis} before it
     * (nothing read on a port kept open since its last byte): the first read waits only for the rest of the quiet, none
     * when it has all passed (it then takes only what the port holds). A port closed and opened again since, as the
     * Modbus RTU master's, knows no such thing.
     *
     * @throws E what {@code read} throws
     */
    public static <E extends Exception> InputDiscarded discard(Read<E> read, int quietMillis, long alreadyQuietMillis,
                                                               long boundMillis) throws E {
        long end = System.nanoTime() + boundMillis * 1_000_000;
        byte[] buffer = new byte[256];
        int discarded = 0;
        int wait = (int) Math.max(0, quietMillis - Math.max(0, alreadyQuietMillis));
        while (true) {
            int n = read.read(buffer, wait);
            wait = quietMillis;
            if (n <= 0) {
                return new InputDiscarded(discarded, n == 0); // negative: the port failed; the request says how
            }
            discarded += n;
            if (System.nanoTime() - end >= 0) {
                return new InputDiscarded(discarded, false);
            }
        }
    }
}
