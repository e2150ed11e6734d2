package org.orderly.gateway.web;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.orderly.gateway.store.Store;
import org.orderly.text.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a change made on the page was recorded as its event, for the change's answer to say. A change is put in
 * force first (the control loop's queue, the alarm board, the accounts file) and its event stored after: events are
 * history, which the store may drop or fail to write (a full queue, a full disk, a card remounted read-only; the
 * gateway goes on controlling without them, docs/architecture.md, "store"), so a change does not wait on the store, and
 * a failed event does not undo it. Until 2026-12-07 the answer said nothing of the event: a change in force and
 * unrecorded was answered as any other. Now the answer waits for the event's commit ({@link #WAIT} at most) and says
 * {@code "recorded": false} with why (docs/web.md, "API"); the page shows it beside the change done, and the log says it.
 */
final class ChangeRecord {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRecord.class);
    /** How long an answer waits for its event's commit: a commit takes milliseconds; a locked file, 5 s. */
    static final Duration WAIT = Duration.ofSeconds(2);

    /**
     * Why an event was not recorded, when the store did not say it with a failure of its own: the page says each in its
     * language ({@code notRecorded.<name>}); a store failure is said by its SQLite code ({@code sqlite.<code>}).
     */
    enum Unrecorded {
        /** Not committed within {@link #WAIT}: the store may yet write it. */
        TIMEOUT,
        /** Not taken: the store's queue was full, or the store closing. */
        DROPPED,
        /** The answer's thread interrupted while waiting. */
        INTERRUPTED
    }

    /**
     * Recorded, or not: why in one line (English, for the log and the technician) and as a code for the page to say in
     * its language ({@link Unrecorded}'s name, or the store failure's SQLite primary code, {@link Store#failureCode}).
     */
    record Recorded(boolean recorded, String notRecorded, String notRecordedCode) {
        static final Recorded YES = new Recorded(true, null, null);

        /** {@code answer} with {@code recorded}, and {@code notRecorded} and its code when it was not. */
        Map<String, Object> into(Map<String, ?> answer) {
            Map<String, Object> out = new LinkedHashMap<>(answer);
            out.put("recorded", recorded);
            if (!recorded) {
                out.put("notRecorded", notRecorded);
                out.put("notRecordedCode", notRecordedCode);
            }
            return out;
        }
    }

    private ChangeRecord() {
    }

    /**
     * What became of {@code outcome} (a {@code Store.eventOutcome}) within {@link #WAIT}; {@code change} names the change
     * in force for the log line said when it was not recorded (a WARN: the manager's change stands, its trace is gone).
     */
    static Recorded of(CompletableFuture<Void> outcome, String change) {
        String why;
        String code;
        try {
            outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return Recorded.YES;
        } catch (ExecutionException e) {
            why = "the store failed: " + OneLine.of(String.valueOf(e.getCause().getMessage()));
            code = e.getCause() instanceof SQLException s ? Store.failureCode(s) : Unrecorded.DROPPED.name();
        } catch (TimeoutException e) {
            why = "the store did not write it within " + WAIT.toSeconds() + " s (it may yet)";
            code = Unrecorded.TIMEOUT.name();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "the answer was interrupted before the store wrote it";
            code = Unrecorded.INTERRUPTED.name();
        }
        LOG.warn("local page: {} is in force but not recorded as an event: {}", change, why);
        return new Recorded(false, why, code);
    }
}
