package org.orderly.gateway.field;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.orderly.gateway.field.modbus.FailureKind;
import org.slf4j.Logger;

/**
 * What a meter poller's log says of its meters failing, whatever the protocol (Modbus, DL/T 645). A failed poll between
 * good ones is ordinary on a field bus (a CRC error or a frame lost to noise that no retry had room for): DEBUG, the
 * meter read again next cycle. A meter whose polls have failed {@link #WARN_AFTER} in a row is said once at WARN, with
 * its last failure; again only when it fails another way; and INFO once a poll of it is answered whole after that.
 * Each failure still goes wherever the poller counts it; a stale transformer reading is the control's to say
 * (conservative mode). A failure of the port rather than the meter is said at once, by the poller
 * ({@link #failedAsSaid}) or here ({@link #failedSayingAtOnce}); the meter's INFO follows when it answers. The poller's
 * thread only.
 */
public final class MeterFailureLog {
    /** Polls in a row that failed before a meter is said to fail: a cycle or two lost is no meter to see to. */
    public static final int WARN_AFTER = 3;

    private final Logger log;
    private final String line;
    private final Map<String, Integer> failedInARow = new HashMap<>();
    /** How each meter's failing was last said at WARN (here or by the poller), until it answers whole. */
    private final Map<String, FailureKind> said = new HashMap<>();
    /** Meters with a failed read in the poll under way: a poll is counted once, however many of its reads fail. */
    private final Set<String> failedThisPoll = new HashSet<>();

    /**
     * @param log  the poller's logger, so that its lines keep their logger's name
     * @param line begins each line: the bus or line, e.g. {@code bus room} or {@code DL/T 645 line room-645}
     */
    public MeterFailureLog(Logger log, String line) {
        this.log = Objects.requireNonNull(log, "log");
        this.line = Objects.requireNonNull(line, "line");
    }

    /** A poll of the meter {@code meterId} begins. */
    public void pollBegan(String meterId) {
        failedThisPoll.remove(meterId);
    }

    /**
     * A read of a meter failed, after its retries: WARN at its {@link #WARN_AFTER}th failed poll in a row (again only
     * when it fails another way), DEBUG otherwise.
     *
     * @param meter   the meter as the line names it, e.g. {@code meter tx (unit 1)}
     * @param failure what failed and how, e.g. {@code fc3 0x0000+1 failed after 1 attempt(s): TIMEOUT: ...}
     */
    public void failed(String meterId, String meter, FailureKind kind, String failure) {
        int inARow = countPoll(meterId);
        if (inARow >= WARN_AFTER && said.get(meterId) != kind) {
            said.put(meterId, kind);
            log.warn("{}: {} {}; its last {} polls all failed", line, meter, failure, inARow);
        } else {
            log.debug("{}: {} {} ({} poll(s) in a row)", line, meter, failure, inARow);
        }
    }

    /**
     * A read that failed because of something the poller has said at WARN itself (the bus's port shut): DEBUG, the
     * meter's INFO to follow when it answers.
     */
    public void failedAsSaid(String meterId, String meter, FailureKind kind, String failure) {
        countPoll(meterId);
        said.put(meterId, kind);
        log.debug("{}: {} {}", line, meter, failure);
    }

    /**
     * A read that failed because of something to see to at once, not after polls in a row (a port that will not open):
     * WARN the first time for this meter (again only when it fails another way), DEBUG while it goes on.
     */
    public void failedSayingAtOnce(String meterId, String meter, FailureKind kind, String failure) {
        int inARow = countPoll(meterId);
        if (said.put(meterId, kind) != kind) {
            log.warn("{}: {} {}", line, meter, failure);
        } else {
            log.debug("{}: {} {} ({} poll(s) in a row)", line, meter, failure, inARow);
        }
    }

    /** A poll of the meter had every read answered. */
    public void answeredWhole(String meterId, String meter) {
        Integer inARow = failedInARow.remove(meterId);
        FailureKind was = said.remove(meterId);
        if (was != null) {
            log.info("{}: {} answering again after {}", line, meter, was);
        } else if (inARow != null) {
            log.debug("{}: {} answering again after {} failed poll(s)", line, meter, inARow);
        }
    }

    /** This poll's failures in a row, counting the poll under way once. */
    private int countPoll(String meterId) {
        return failedThisPoll.add(meterId)
                ? failedInARow.merge(meterId, 1, Integer::sum)
                : failedInARow.getOrDefault(meterId, 1);
    }
}
