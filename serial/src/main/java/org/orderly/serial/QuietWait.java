package org.orderly.serial;

import java.util.function.LongSupplier;

/**
 * The wait before a request that follows an exchange cut while its reply still came (a meter or converter sending it a
 * byte at a time): what comes is read and thrown away until the line has been quiet for a while. A port discards only
 * what has come before a request, and the rest of such a reply, still coming, was read as the next request's answer
 * (Modbus RTU, {@link RtuMaster#discardUntilQuiet}) or met it on the line (DL/T 645, the gateway's Dlt645Client). One
 * piece for both. The quiet waited for is the cut exchange's wait for a byte, as each byte of the reply came within
 * it; once the reply is known to have ended ({@link ReplyEnd}: its frame whole, counting what came before the cut), no
 * late byte of it is left to come, and the wait ends after the caller's short quiet between frames instead.
 */
public final class QuietWait {
    private QuietWait() {
    }

    /** One read of the port, failing with {@code E}. */
    @FunctionalInterface
    public interface Read<E extends Exception> {
        /**
         * Reads into {@code buffer} what comes within {@code waitMillis} of quiet: the bytes read, 0 when none came in
         * that time, negative when the port failed. A read may wait its port's own quiet instead (the Modbus RTU
         * master's, set to the quiet asked): a wait cut at the bound then does not shorten it.
         */
        int read(byte[] buffer, int waitMillis) throws E;
    }

    /**
     * Whether the cut reply has ended, told each piece of it read after the cut, in order: true while its frame is whole
     * and nothing has come after it that makes no whole frame (never when that cannot be told, {@link #UNKNOWN}). A late
     * byte of the reply must never be taken for the start of the next one, so it says so only of a reply whose every
     * byte has been seen; bytes after it are the start of something more (a meter answering twice sends its copy), so it
     * says so again only once they too have made a whole frame.
     */
    @FunctionalInterface
    public interface ReplyEnd {
        /** What cannot tell a reply's end: the quiet is waited for whole. */
        ReplyEnd UNKNOWN = (buffer, n) -> false;

        boolean endedWith(byte[] buffer, int n);
    }

    /**
     * A wait: the quiet, the line known quiet before it, its bound, the silence after a reply known to have ended, the
     * monotonic clock in nanoseconds the bound is kept on (the caller's, which its reads' waits go by too), a bound
     * that holds only while what comes drips ({@code dripBoundMillis}, negative for none; {@link #discard}), and one
     * byte's time on the line ({@code byteNanos}: its bits over the baud rate; 0 where the baud is not known, as
     * behind an RS-485-to-Ethernet converter), which tells a drip from line speed ({@link #slowerThanNanos}).
     */
    public record Quiet(int quietMillis, long alreadyQuietMillis, long boundMillis, ReplyEnd end, int afterEndMillis,
                        LongSupplier nanoTime, long dripBoundMillis, long byteNanos) {
        /**
         * Where the line's baud rate is not known: two bytes' time at 1200 baud 8E1 (11 bits a byte), the slowest rate
         * meters on such lines are set to (DL/T 645's slowest; most run at 2400 or more), about 18.3 ms a byte.
         */
        public static final long UNKNOWN_LINE_SLOW_NANOS = 2 * 11 * 1_000_000_000L / 1200;

        /** No bound for a drip. */
        public Quiet(int quietMillis, long alreadyQuietMillis, long boundMillis, ReplyEnd end, int afterEndMillis,
                     LongSupplier nanoTime) {
            this(quietMillis, alreadyQuietMillis, boundMillis, end, afterEndMillis, nanoTime, -1, 0);
        }

        /**
         * The pace a read's bytes must come slower than, a byte every so many nanoseconds, for the read to be slow (a
         * drip): more than the gap between frames and than two bytes' time on the line, so that a reply at line speed
         * with its bytes a little late is none. Until 2026-12-07 it was the gap alone: at 1200 baud a byte takes
         * 9.17 ms, and with the default 10 ms gap a reply at line speed was taken for a drip about once in 10 on a
         * loaded machine; with a gap of 0 (a DL/T 645 bus over TCP) every reply was (read61c).
         */
        long slowerThanNanos() {
            long line = byteNanos > 0 ? 2 * byteNanos : UNKNOWN_LINE_SLOW_NANOS;
            return Math.max(afterEndMillis * 1_000_000L, line);
        }

        /** The quiet waited for whole, on the JVM's monotonic clock: what cannot tell the reply's end. */
        public static Quiet whole(int quietMillis, long alreadyQuietMillis, long boundMillis) {
            return new Quiet(quietMillis, alreadyQuietMillis, boundMillis, ReplyEnd.UNKNOWN, quietMillis, System::nanoTime);
        }
    }

    /**
     * Reads and throws away what comes until nothing has come for {@code quietMillis}, or {@code boundMillis} have
     * passed, whichever is first.
     *
     * @throws E what {@code read} throws
     */
    public static <E extends Exception> InputDiscarded discard(Read<E> read, int quietMillis, long boundMillis) throws E {
        return discard(read, Quiet.whole(quietMillis, 0, boundMillis));
    }

    /**
     * Reads and throws away what comes until nothing has come for the quiet, or the bound has passed, whichever is
     * first (no read told its wait waits past the bound; until 2026-12-07 the last could, by up to a quiet: a read
     * cut at the bound that comes back with nothing sooner than the quiet leaves the line not known quiet; one that
     * waits its port's own quiet whole, as the Modbus RTU master's, does not). The line is known to
     * have been quiet for {@code alreadyQuietMillis} before it (nothing read on a port kept
     * open since its last byte): the first read waits only for the rest of the quiet, none when it has all passed (it
     * then takes only what the port holds). A port closed and opened again since, as the Modbus RTU master's, knows no
     * such thing. While {@code end} says the reply has ended, the quiet waited for is {@code afterEndMillis} (none
     * once read is 0), unless what came after the cut came dripping: two reads' bytes more than {@code afterEndMillis}
     * apart. A meter or converter sending so drips a copy of its reply too (a meter answering twice), which may begin
     * after that short quiet and would meet the next request (until 2026-12-07 it did, and cut the next meter's read):
     * the quiet is then waited for whole after the reply's end, as it was before the early end, and a copy begun within
     * it is read to its end ({@link ReplyEnd}) and the quiet waited for whole after it. With a drip bound
     * ({@link Quiet#dripBoundMillis}), the wait ends there, not quiet, {@link InputDiscarded#cutInDrip()}, while what
     * comes drips: two reads in a row whose bytes came slower than {@link Quiet#slowerThanNanos} a byte (more than
     * {@code afterEndMillis} and two bytes' time on the line) since the read before (a rate, so a thread held off the
     * processor that reads a reply coming at line speed in one piece later is not taken for a drip; the first read
     * after a silence, a frame's start, is one read, not two); once so seen, also in the silence after it and through
     * slow reads, not past a read at line speed (until 2026-12-07 a drip once seen held for the whole wait, and a copy
     * sent at line speed after it was sent into). What comes at line speed, or nothing known of its pace, is waited for
     * past that bound as before (a DL/T 645 transformer meter's request, due at its cycle's start, sent into a pile meter's reply still
     * coming at line speed collides with it: read60e). What it returns says whether the reply had ended so, only the
     * short quiet then owed ({@link InputDiscarded#replyEnded}), for a wait ended at its bound to be taken up later.
     *
     * @throws E what {@code read} throws
     */
    public static <E extends Exception> InputDiscarded discard(Read<E> read, Quiet quiet) throws E {
        long end = quiet.nanoTime().getAsLong() + quiet.boundMillis() * 1_000_000;
        boolean dripBounded = quiet.dripBoundMillis() >= 0;
        long dripEnd = quiet.nanoTime().getAsLong() + Math.max(0, quiet.dripBoundMillis()) * 1_000_000;
        byte[] buffer = new byte[256];
        int discarded = 0;
        boolean ended = false;
        long lastBytes = 0; // when the last read that brought bytes returned; none before the first
        boolean dripping = false;
        int slowInARow = 0; // reads in a row whose bytes came slower than a byte every afterEndMillis
        boolean drips = false;
        int wait = (int) Math.max(0, quiet.quietMillis() - Math.max(0, quiet.alreadyQuietMillis()));
        while (true) {
            if (ended && wait == 0) {
                return new InputDiscarded(discarded, true, false, !dripping);
            }
            // No read waits past the bound: a caller with something due at it (a DL/T 645 poller's next transformer
            // read) is given the line back by then, not a whole quiet later (to the millisecond above: a quiet owed
            // exactly to the bound is waited for whole). Nor past the drip bound once what comes is known to drip.
            long toBound = Math.max(0, (end - quiet.nanoTime().getAsLong() + 999_999) / 1_000_000);
            if (drips && dripBounded) {
                toBound = Math.min(toBound, Math.max(0, (dripEnd - quiet.nanoTime().getAsLong() + 999_999) / 1_000_000));
            }
            boolean cappedAtBound = toBound < wait;
            long asked = quiet.nanoTime().getAsLong();
            int n = read.read(buffer, cappedAtBound ? (int) toBound : wait);
            long now = quiet.nanoTime().getAsLong();
            if (n <= 0) {
                // negative: the port failed, the request says how. None: quiet, unless the read was cut at the bound and
                // really returned sooner than the quiet; a read that waits its port's own quiet (the Modbus RTU
                // master's) ignores the cap, and its none after a whole quiet is quiet.
                boolean shortened = cappedAtBound && now - asked < wait * 1_000_000L;
                if (n == 0 && shortened && drips && dripBounded && now - dripEnd >= 0) {
                    return InputDiscarded.cutInDrip(discarded);
                }
                return new InputDiscarded(discarded, n == 0 && !shortened, false, ended && !dripping);
            }
            if (discarded > 0) {
                boolean slow = now - lastBytes > n * quiet.slowerThanNanos();
                slowInARow = slow ? slowInARow + 1 : 0;
                // Kept only through slow reads and silence: bytes at line speed after a drip (a copy sent whole) are
                // waited for past the drip bound as any (until 2026-12-07 a drip once seen held for the whole wait)
                drips = slowInARow >= 2 || drips && slow;
            }
            // The first read's bytes may have been held by the port since before the wait: undated, they tell no pace.
            dripping = dripping || discarded > 0 && now - lastBytes > quiet.afterEndMillis() * 1_000_000L;
            lastBytes = now;
            discarded += n;
            ended = quiet.end().endedWith(buffer, n);
            wait = ended && !dripping ? quiet.afterEndMillis() : quiet.quietMillis();
            if (now - end >= 0) {
                return new InputDiscarded(discarded, false, false, ended && !dripping);
            }
            if (drips && dripBounded && now - dripEnd >= 0) {
                return InputDiscarded.cutInDrip(discarded);
            }
        }
    }
}
