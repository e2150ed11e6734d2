package org.orderly.gateway.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
 * SD card giving I/O errors, a full disk, a card remounted read-only) does not fill the journal: the first failure of a
 * kind (the same cause, SQLite's primary code, and the same {@link Write#what()}) is one ERROR, what was written, in
 * which file, and what becomes of it (one line for a cause that may pass, {@link StoreWriter#mayPass}: an expected
 * condition of the disk, not of the code; with its stack trace otherwise); its repeats are counted and summed up in
 * one ERROR every {@link #SAID_EVERY} at most; the first write of that kind committed after them, having changed
 * something, is one INFO line. Only a write of that kind ends its failures: on a full disk small writes of other kinds
 * still commit now and then, and on a read-only file a write that changes nothing commits, neither showing that the
 * kind's writes pass again. A kind failing again within {@link #SAID_EVERY} of its last ERROR is counted as its
 * repeat, not said anew. A kind written once or rarely (the writer's last write, a set-aside at start) stays failing
 * until written again, quieting only the failures of batches holding a write of its kind. Writer thread only; it
 * counts nothing the writer's counters need.
 */
final class WriteFailureLog {
    static final Duration SAID_EVERY = Duration.ofMinutes(1);
    /** The writer's logger: these are its lines. */
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;
    /** The store's file, named in each line. */
    private final String file;
    private final Map<Kind, Run> failing = new LinkedHashMap<>();
    /** When each kind whose failures ended was last said, while that is less than {@link #SAID_EVERY} ago. */
    private final Map<Kind, Instant> ended = new HashMap<>();

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

        Run(Instant first, Instant saidAt) {
            this.first = first;
            this.saidAt = saidAt;
        }
    }

    WriteFailureLog(Clock clock, String file) {
        this.clock = clock;
        this.file = file;
    }

    /** A failed attempt at {@code w}; {@code fate} says what becomes of it ({@code given up}). */
    void failed(Write w, SQLException e, String fate) {
        Kind kind = new Kind(cause(e), w.what());
        Instant now = clock.instant();
        Run run = failing.get(kind);
        if (run == null) {
            Instant said = ended.remove(kind);
            if (said != null && recent(said, now)) {
                // Its ERROR was said less than a minute ago: one a minute at most, also when one of it passed since.
                run = new Run(now, said);
                run.unsaidSince = now;
                run.unsaid = 1;
                run.last = e.getMessage() + "; " + fate;
                failing.put(kind, run);
                return;
            }
            failing.put(kind, new Run(now, now));
            String line = "store write failed: {}: {} (store {}); {}. Later writes of it failing the same way are"
                    + " counted and summed up every {} s";
            if (StoreWriter.mayPass(e)) {
                // A full disk, a read-only or locked file, I/O errors: the disk's condition, which a stack trace does
                // not explain.
                LOG.error(line, kind.what(), e.getMessage(), file, fate, SAID_EVERY.toSeconds());
            } else {
                LOG.error(line, kind.what(), e.getMessage(), file, fate, SAID_EVERY.toSeconds(), e);
            }
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
        if (!ended.isEmpty()) {
            Instant now = clock.instant();
            ended.values().removeIf(said -> !recent(said, now));
        }
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

    /** {@code n} writes as a line says them: {@code 1 write}, {@code 3 writes} (until 2026-12-05 also {@code 1 writes}). */
    static String writes(long n) {
        return n == 1 ? "1 write" : n + " writes";
    }

    /** Whether {@code said} is less than {@link #SAID_EVERY} before {@code now} (a clock stepped back: not). */
    private static boolean recent(Instant said, Instant now) {
        return !now.isBefore(said) && now.isBefore(said.plus(SAID_EVERY));
    }

    private void say(Kind kind, Run run, Instant now) {
        LOG.error("store {}: {} more {} failed the same way since {}: {} (last: {})", file, run.unsaid,
                run.unsaid == 1 ? "write" : "writes",
                time(run.unsaidSince), kind.what(), run.last);
        run.unsaid = 0;
        run.saidAt = now;
    }

    /**
     * {@code changed} was committed, each write of it having changed something: the failures of their kinds are over.
     * Those of other kinds are not (see the class's comment).
     */
    void committed(List<Write> changed) {
        if (failing.isEmpty() || changed.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        changed.forEach(w -> written.add(w.what()));
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Kind, Run>> i = failing.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Kind, Run> e = i.next();
            Kind kind = e.getKey();
            Run run = e.getValue();
            if (!written.contains(kind.what())) {
                continue;
            }
            LOG.info("store writes ({}) succeed again after {} failures over {} ({} since {})", kind.what(),
                    run.failures, over(run.first, now), kind.cause(), time(run.first));
            ended.put(kind, run.saidAt);
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
    static String cause(SQLException e) {
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
