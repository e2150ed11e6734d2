package org.orderly.gateway.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a writer logs of its writes that fail for a reason that is not damage, so that a store failing for hours (an
 * SD card giving I/O errors) does not fill the journal: the first failure of a kind (the same cause, SQLite's primary
 * code, and the same {@link Write#what()}) is one ERROR with its stack trace, what was written and what becomes of
 * it; its repeats are counted and summed up in one ERROR every {@link #SAID_EVERY} at most; the first write of that
 * kind committed after them is one INFO line. A kind written once or rarely (the writer's last write, a set-aside at
 * start) may not be written again for a long time: its failures are over too once any other write is committed after
 * them if their cause passes (locked, I/O error, full disk: the store takes writes again), and they quiet only the
 * failures of batches holding a write of their kind. Writer thread only; it counts nothing the writer's counters need.
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
        /** The cause may pass ({@link StoreWriter#mayPass}): a commit of any other write ends it. */
        final boolean passes;
        long failures = 1;
        Instant saidAt;
        long unsaid;
        Instant unsaidSince;
        String last = "";

        Run(Instant first, boolean passes) {
            this.first = first;
            this.passes = passes;
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
            failing.put(kind, new Run(now, StoreWriter.mayPass(e)));
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

    /**
     * {@code batch} was committed: the failures of the kinds of its writes are over, and those of other kinds whose
     * cause passes (the store takes writes again; a kind written once or rarely would otherwise be said failing all
     * run long).
     */
    void committed(List<Write> batch) {
        if (failing.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        batch.forEach(w -> written.add(w.what()));
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Kind, Run>> i = failing.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Kind, Run> e = i.next();
            Kind kind = e.getKey();
            Run run = e.getValue();
            if (written.contains(kind.what())) {
                LOG.info("store writes ({}) succeed again after {} failures over {} ({} since {})", kind.what(),
                        run.failures, over(run.first, now), kind.cause(), time(run.first));
            } else if (run.passes) {
                LOG.info("store writes succeed again after {} failures of {} over {} ({} since {}); none of it"
                        + " written since", run.failures, kind.what(), over(run.first, now), kind.cause(),
                        time(run.first));
            } else {
                continue;
            }
            i.remove();
        }
    }

    /**
     * Whether {@code batch} holds a write of a kind failing now: its failure is then that kind's repeat, said by this,
     * not each time; a batch of other kinds failing is news.
     */
    boolean failing(List<Write> batch) {
        if (failing.isEmpty()) {
            return false;
        }
        Set<String> whats = new HashSet<>();
        failing.keySet().forEach(k -> whats.add(k.what()));
        return batch.stream().anyMatch(w -> whats.contains(w.what()));
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
