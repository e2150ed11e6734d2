package org.orderly.gateway.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a writer logs of its writes that fail for a reason that is not damage, so that a store failing for hours (an
 * SD card giving I/O errors) does not fill the journal: the first failure of a kind (the same cause, SQLite's primary
 * code, and the same {@link Write#what()}) is one ERROR with its stack trace, what was written and what becomes of
 * it; its repeats are counted and summed up in one ERROR every {@link #SAID_EVERY} at most; the first write of that
 * kind committed after them is one INFO line. Writer thread only; it counts nothing the writer's counters need.
 */
final class WriteFailureLog {
    static final Duration SAID_EVERY = Duration.ofMinutes(1);
    /** The writer's logger: these are its lines. */
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;
    private final Map<Kind, Run> failing = new LinkedHashMap<>();

    private record Kind(String cause, String what) {
    }

    /** Failures of one kind since its first, and those not said yet. */
    private static final class Run {
        final Instant first;
        long failures = 1;
        Instant saidAt;
        long unsaid;
        Instant unsaidSince;
        String last = "";

        Run(Instant first) {
            this.first = first;
            this.saidAt = first;
        }
    }

    WriteFailureLog(Clock clock) {
        this.clock = clock;
    }

    /** A failed attempt at {@code w}; {@code fate} says what becomes of it ({@code given up}). */
    void failed(Write w, SQLException e, String fate) {
        Kind kind = new Kind(cause(e), w.what());
        Instant now = clock.instant();
        Run run = failing.get(kind);
        if (run == null) {
            failing.put(kind, new Run(now));
            LOG.error("store write failed: {}: {}; {}. Later writes of it failing the same way are counted and summed"
                    + " up every {} s", kind.what(), e.getMessage(), fate, SAID_EVERY.toSeconds(), e);
            return;
        }
        run.failures++;
        if (run.unsaid++ == 0) {
            run.unsaidSince = now;
        }
        run.last = e.getMessage() + "; " + fate;
    }

    /** Sums up the repeats of each kind last said {@link #SAID_EVERY} ago or more (a clock stepped back: at once). */
    void sayDue() {
        if (failing.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        failing.forEach((kind, run) -> {
            if (run.unsaid > 0 && (!now.isBefore(run.saidAt.plus(SAID_EVERY)) || now.isBefore(run.saidAt))) {
                say(kind, run, now);
            }
        });
    }

    /** Sums up every repeat not said yet: the writer stops. */
    void sayAll() {
        Instant now = clock.instant();
        failing.forEach((kind, run) -> {
            if (run.unsaid > 0) {
                say(kind, run, now);
            }
        });
    }

    private void say(Kind kind, Run run, Instant now) {
        LOG.error("store: {} more writes failed the same way since {}: {} (last: {})", run.unsaid,
                time(run.unsaidSince), kind.what(), run.last);
        run.unsaid = 0;
        run.saidAt = now;
    }

    /** A write of {@code what} was committed: the failures of that kind, if any, are over. */
    void committed(String what) {
        if (failing.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Kind, Run>> i = failing.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Kind, Run> e = i.next();
            if (e.getKey().what().equals(what)) {
                Run run = e.getValue();
                LOG.info("store writes ({}) succeed again after {} failures over {} ({} since {})", what,
                        run.failures, over(run.first, now), e.getKey().cause(), time(run.first));
                i.remove();
            }
        }
    }

    /** Whether writes of some kind are failing: their batches' failures are said by this, not each time. */
    boolean failing() {
        return !failing.isEmpty();
    }

    /** SQLite's primary code (SQLITE_IOERR for all its kinds), else what was thrown. */
    private static String cause(SQLException e) {
        if (e instanceof SQLiteException s) {
            return SQLiteErrorCode.getErrorCode(s.getResultCode().code & 0xff).name();
        }
        Throwable why = e.getCause() != null ? e.getCause() : e;
        return why.getClass().getSimpleName();
    }

    private String time(Instant t) {
        return HH_MM_SS.format(LocalTime.ofInstant(t, clock.getZone()));
    }

    private static String over(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? "an unknown time (the clock was stepped back)"
                : d.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase();
    }
}
