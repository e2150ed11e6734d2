package org.orderly.gateway.field;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a poller on a line with a transformer meter, whose next read nothing may push late, knows of its pile meters'
 * reads: how long each one's last whole read took, the room it needs to be begun again, and how many times in a row
 * its read was cut short at a cycle's end. Modbus and DL/T 645 pollers alike; the poller's thread only.
 */
public final class PileReadTimes {
    /** Cuts in a row before a pile meter whose read never fits what is left of a cycle is said to: a few rounds. */
    public static final int CUT_SHORT_WARN_AFTER = 3;

    private final Map<String, Duration> lastRead = new HashMap<>();
    private final Map<String, Integer> cutInARow = new HashMap<>();

    /**
     * How much of the cycle must be left to begin pile meter {@code pileId}: the gap before it, its read as long as its
     * last whole read took and a tenth more (the tenth spares reads, it does not guard the transformer read: a slower
     * read is cut short), or, not known (not read yet, its last read failed or was cut short), a whole
     * {@code timeout}, so that one fallen silent is given a whole timeout, and reported as timing out, before it is
     * begun late in a cycle again; and the gap before the transformer's request.
     */
    public Duration roomToBegin(String pileId, Duration gap, Duration timeout) {
        Duration read = lastRead.get(pileId);
        Duration needs = read == null ? timeout : read.plus(read.dividedBy(10));
        return gap.plus(needs).plus(gap);
    }

    /**
     * Pile meter {@code pileId} was read whole in {@code took}: how many times in a row it had been cut short before,
     * when that was at least {@link #CUT_SHORT_WARN_AFTER} (said in a WARN, so its end is said too).
     */
    public OptionalInt readWhole(String pileId, Duration took) {
        lastRead.put(pileId, took);
        Integer cut = cutInARow.remove(pileId);
        return cut != null && cut >= CUT_SHORT_WARN_AFTER ? OptionalInt.of(cut) : OptionalInt.empty();
    }

    /** Pile meter {@code pileId}'s read failed: how long it takes is not known. */
    public void failed(String pileId) {
        lastRead.remove(pileId);
    }

    /** Pile meter {@code pileId}'s read was cut short at a cycle's end: how many times in a row now. */
    public int cutShort(String pileId) {
        lastRead.remove(pileId);
        return cutInARow.merge(pileId, 1, Integer::sum);
    }
}
