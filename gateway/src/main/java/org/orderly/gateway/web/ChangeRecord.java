package org.orderly.gateway.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** Recorded, or not and why, in one line. */
    record Recorded(boolean recorded, String notRecorded) {
        static final Recorded YES = new Recorded(true, null);

        /** {@code answer} with {@code recorded}, and {@code notRecorded} when it was not. */
        Map<String, Object> into(Map<String, ?> answer) {
            Map<String, Object> out = new LinkedHashMap<>(answer);
            out.put("recorded", recorded);
            if (!recorded) {
                out.put("notRecorded", notRecorded);
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
        try {
            outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return Recorded.YES;
        } catch (ExecutionException e) {
            why = "the store failed: " + OneLine.of(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            why = "the store did not write it within " + WAIT.toSeconds() + " s (it may yet)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "the answer was interrupted before the store wrote it";
        }
        LOG.warn("local page: {} is in force but not recorded as an event: {}", change, why);
        return new Recorded(false, why);
    }
}
