package org.orderly.gateway.field.modbus;

import org.orderly.text.Count;

/**
 * Carried as a suppressed exception by a request's last failure when the device had answered that request busy
 * (exception 06) before it failed another way: a timeout after busy answers is a device that is there and was busy,
 * not a wrong unit id or a dead line, and the installer reading the failure needs both ({@link BusyRetry} adds it).
 */
public final class AnsweredBusyBefore extends Exception {
    private final int times;

    AnsweredBusyBefore(int times) {
        super("answered busy (exception 06) " + Count.times(times) + " before", null, false, false);
        this.times = times;
    }

    /** How many busy answers came before {@code failure}, 0 for none. */
    public static int times(Throwable failure) {
        int n = 0;
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof AnsweredBusyBefore b) {
                n += b.times;
            }
        }
        return n;
    }

    /** What a failure's message adds: {@code , having answered busy (exception 06, server device busy) 2 times before}, or "". */
    static String said(Throwable failure) {
        int n = times(failure);
        return n == 0 ? "" : ", having answered busy (exception 06, server device busy) " + Count.times(n) + " before";
    }

    /**
     * {@code text}, which says {@code failure} (its own words or another's: a pile's port says its cause's), followed
     * by the busy answers before it, if any, unless it says them already.
     */
    public static String said(String text, Throwable failure) {
        String said = said(failure);
        return text.endsWith(said) ? text : text + said;
    }

    /** {@code failure}, its message saying the busy answers before it, if any, its cut and suppressed kept. */
    static FieldReadException told(FieldReadException failure) {
        String context = said(failure.context(), failure);
        if (context.equals(failure.context())) {
            return failure;
        }
        return failure.saying(context);
    }

    /** {@code to}, carrying the busy answers {@code from} carried, so that {@link #times} reads them from it too. */
    static FieldReadException carried(Throwable from, FieldReadException to) {
        for (Throwable s : from.getSuppressed()) {
            if (s instanceof AnsweredBusyBefore) {
                to.addSuppressed(s);
            }
        }
        return to;
    }
}
