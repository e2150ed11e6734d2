package org.orderly.gateway.field;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What a poller on a line with a transformer meter, whose next read nothing may push late, knows of its pile meters'
 * reads: how long each one's last whole read took, the room it needs to be begun again, and how many times in a row
 * its read was cut short at a cycle's end, said in the poller's log (a WARN once one is cut short
 * {@link #CUT_SHORT_WARN_AFTER} times in a row, an INFO when it is read whole again). Modbus and DL/T 645 pollers
 * alike; the poller's thread only.
 */
public final class PileReadTimes {
    /** Cuts in a row before a pile meter whose read never fits what is left of a cycle is said to: a few rounds. */
    public static final int CUT_SHORT_WARN_AFTER = 3;

    private final Logger log;
    private final String line;
    private final String advice;
    private final Map<String, Duration> lastRead = new HashMap<>();
    private final Map<String, Integer> cutInARow = new HashMap<>();

    /**
     * @param log    the poller's log
     * @param line   the line as its log lines name it, e.g. {@code bus garage}
     * @param advice what to do about a pile meter whose read does not fit, e.g. {@code give the pile meters a line of
     *               their own}
     */
    public PileReadTimes(Logger log, String line, String advice) {
        this.log = log;
        this.line = line;
        this.advice = advice;
    }

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
     * Pile meter {@code pileId}'s read ended: whole in {@code took}, or failed ({@code null}: how long it takes is then
     * not known). One read whole after {@link #CUT_SHORT_WARN_AFTER} or more cut short says so, as the WARN said those.
     *
     * @param named the pile meter as the log names it, e.g. {@code pile meter pile-3 (unit 13)}
     */
    public void readEnded(String pileId, String named, Duration took) {
        if (took == null) {
            lastRead.remove(pileId);
            return;
        }
        lastRead.put(pileId, took);
        Integer cut = cutInARow.remove(pileId);
        if (cut != null && cut >= CUT_SHORT_WARN_AFTER) {
            log.info("{}: {} read whole again after {} cut short", line, named, cut);
        }
    }

    /**
     * Pile meter {@code pileId}'s read was cut short at a cycle's end at {@code asked}, {@code left} (as the poller says
     * a time) before the transformer read: not read this cycle, no failure of it; said once it is
     * {@link #CUT_SHORT_WARN_AFTER} times in a row.
     */
    public void cutShort(String pileId, String named, Object asked, String left) {
        lastRead.remove(pileId);
        int times = cutInARow.merge(pileId, 1, Integer::sum);
        if (times == CUT_SHORT_WARN_AFTER) {
            log.warn("{}: {} cut short at the cycle's end {} times in a row, last at {} with {} left before the"
                    + " transformer read: its read does not fit what the transformer meter leaves of a cycle; {}", line,
                    named, times, asked, left, advice);
        } else {
            log.debug("{}: {} not read this cycle: no answer to {} in the {} left before the transformer read", line,
                    named, asked, left);
        }
    }

    /**
     * Pile meter {@code pileId}'s request for {@code asked} was not sent this cycle, for {@code why} (the line not quiet
     * by its send time after another meter's cut reply): said as that, at DEBUG. Its read's length is not in question,
     * so neither its last read's time nor its cuts in a row change, and it is not said not to fit the cycle.
     */
    public void notSent(String named, Object asked, String why) {
        log.debug("{}: {} not read this cycle: {} not sent: {}", line, named, asked, why);
    }
}
