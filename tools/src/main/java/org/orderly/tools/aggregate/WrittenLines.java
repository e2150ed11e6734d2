package org.orderly.tools.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which journal lines are on the disk. Each line written gets the next number; a force that succeeds puts every line
 * numbered up to where it began on the disk, and one that fails may have lost every line not yet on the disk (Linux
 * may drop the pages after a write-back error, and a later force then succeeds without them). A message is
 * acknowledged only if its line is not lost; the line of a message whose line was lost is kept here, so that it is
 * written again when the broker gives the message again. Lines of messages the broker never gives again (another
 * instance took them) stay here; there are at most as many as the broker lets this instance hold unacknowledged,
 * per failed force. Not thread-safe; {@link Aggregator} serialises access.
 */
final class WrittenLines {
    /** A line as written, for writing it again. */
    record Line(long number, String text) {
    }

    private long last;
    /** Every line up to this number is either on the disk or in {@link #lost}. */
    private long dealtWith;
    /** Ranges {after, upTo} of line numbers a failed force may have lost, oldest first. */
    private final List<long[]> lost = new ArrayList<>();
    /** Each message's latest line, by id, until that line is known to be on the disk. */
    private final Map<String, Line> notOnDisk = new HashMap<>();

    /** A line was written: its number. {@code id} is the message's, or null for a line not to be written again. */
    long written(String id, String text) {
        Line line = new Line(++last, text);
        if (id != null) {
            notOnDisk.put(id, line);
        }
        return line.number();
    }

    /**
     * A message held aside under {@code id} ({@link HeldAside}) is taken: from now on its line stands for the message
     * of that id, and is written again as {@code text} if a failed force lost it, or loses it still, when the broker
     * gives the message again. Without this the copy the broker gives again would be a known duplicate with no line
     * waiting for the disk, acknowledged with nothing of the message in the journal.
     */
    void taken(String id, long line, String text) {
        if (line <= dealtWith && !lost(line)) {
            notOnDisk.remove(id);
        } else {
            notOnDisk.put(id, new Line(line, text));
        }
    }

    /** The message's latest line while it is not known to be on the disk; null once it is (or was never written). */
    Line notOnDisk(String id) {
        return notOnDisk.get(id);
    }

    long last() {
        return last;
    }

    /** A force that began after line {@code upTo} was written has succeeded. */
    void forced(long upTo) {
        if (upTo <= dealtWith) {
            return;
        }
        dealtWith = upTo;
        notOnDisk.values().removeIf(line -> line.number() <= upTo && !lost(line.number()));
    }

    /** A force failed: every line written so far and not yet on the disk may be lost. */
    void forceFailed() {
        if (last <= dealtWith) {
            return;
        }
        long[] latest = lost.isEmpty() ? null : lost.get(lost.size() - 1);
        if (latest != null && latest[1] == dealtWith) {
            latest[1] = last;
        } else {
            lost.add(new long[] {dealtWith, last});
        }
        dealtWith = last;
    }

    boolean lost(long line) {
        for (long[] range : lost) {
            if (line > range[0] && line <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
