package org.orderly.tools.testing;

/** The orderly command's log lines (logback.xml), as the tests read them. */
public final class LogLines {
    /**
     * A line's time stamp: date, time to the millisecond and the zone's offset, so that a log kept in a file for days,
     * or written in another zone than its reader's, still says when (journald adds its own; a file does not).
     */
    public static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";

    private LogLines() {
    }
}
