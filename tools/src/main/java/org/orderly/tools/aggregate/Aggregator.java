package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid side's bookkeeping, free of MQTT: each message is validated, de-duplicated, checked for gaps, filed into
 * its load bucket and (optionally) journalled; closed buckets are exported as rows. A message that is rejected, or
 * whose taking fails, is kept in the dead-letter file with the reason. Thread-safe: the MQTT callback and the export
 * timer call it concurrently.
 */
public final class Aggregator implements Intake, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one message turned out to be, and the journal line its acknowledgement waits for: its own, or, for a
     * duplicate, its first copy's while that is not known to be on the disk (0: none).
     */
    public record Taken(Inbound inbound, long line) {
    }

    /** A message held aside: as read, when it came, and its journal line's number (0 without a journal). */
    private record Held(Inbound in, Instant receivedAt, long line) {
    }

    /** The counters of one instance since it started. */
    public record Counters(long received, long accepted, long rejected, long duplicates, long openGaps, long gapsSeen,
                           long late, long failed, Skips skipped) {
    }

    private final String instance;
    private final TsBounds bounds;
    private final Clock clock;
    private final MessageValidator validator = new MessageValidator();
    private final SeqTracker seqs = new SeqTracker();
    private final LoadBuckets buckets;
    private final LineFile export;
    private final ExportFormat format;
    private final LineFile journal;
    private final LineFile deadLetter;
    private final Deque<BucketRow> unwritten = new ArrayDeque<>();
    private final WrittenLines lines = new WrittenLines();
    /** Duplicates by number that are no copy known: perhaps a fresh store's, sent before its event. */
    private final HeldAside<Held> heldAside = new HeldAside<>();
    /** The number of the last dead-letter line written, and of the last one forced: the file is forced only if due. */
    private long deadLetterWritten;
    private long deadLetterForced;
    private long received;
    private long accepted;
    private long rejected;
    private long duplicates;
    private long failed;

    /**
     * @param maxFuture how far a message's ts may lie ahead of this machine's clock (the gateways' clock skew); it
     *                  may lie {@link TsBounds#DEFAULT_MAX_AGE} behind
     * @param journal   one JSON line per accepted message (id, seq, ts, receive time, values), or null for none
     */
    public Aggregator(String instance, Duration bucket, Duration grace, Duration maxFuture, LineFile export,
                      ExportFormat format, LineFile journal, Clock clock) {
        this(instance, bucket, grace, maxFuture, export, format, journal, null, clock);
    }

    /** @param deadLetter one JSON line per message that could not be taken, with the reason; null for none */
    public Aggregator(String instance, Duration bucket, Duration grace, Duration maxFuture, LineFile export,
                      ExportFormat format, LineFile journal, LineFile deadLetter, Clock clock) {
        this(instance, bucket, grace, new TsBounds(maxFuture, TsBounds.DEFAULT_MAX_AGE), export, format, journal,
                deadLetter, clock);
    }

    /** @param bounds how far a message's ts may lie from the time it is received, ahead and (telemetry) behind */
    public Aggregator(String instance, Duration bucket, Duration grace, TsBounds bounds, LineFile export,
                      ExportFormat format, LineFile journal, LineFile deadLetter, Clock clock) {
        this.instance = instance;
        this.bounds = bounds;
        this.clock = clock;
        this.buckets = new LoadBuckets(bucket, grace);
        this.export = export;
        this.format = format;
        this.journal = journal;
        this.deadLetter = deadLetter;
    }

    /** Takes one MQTT message given live (not a retained copy); see {@link #accept(String, byte[], boolean)}. */
    public synchronized Taken accept(String topic, byte[] payload) throws IOException {
        return accept(topic, payload, false);
    }

    /**
     * Takes one MQTT message; never throws for bad input (it is rejected, logged on one line, counted and kept in the
     * dead-letter file).
     *
     * @throws IOException when the message's journal (or dead-letter) line could not be written: it is not counted
     *                     (but in {@code received}) and must not be acknowledged to the broker, which gives it again
     */
    @Override
    public synchronized Taken accept(String topic, byte[] payload, boolean retained) throws IOException {
        Instant receivedAt = clock.instant();
        received++;
        Inbound in = validator.check(topic, payload);
        Envelope e = envelopeOf(in);
        String implausible = e == null ? null : bounds.implausible(e, receivedAt);
        if (implausible != null) {
            in = new Inbound.Rejected(topic, implausible);
        }
        if (in instanceof Inbound.Rejected r) {
            long line = deadLetter == null ? 0 : deadLetter("rejected", topic, payload, r.reason());
            rejected++;
            LOG.warn("rejected message on '{}': {}", r.topic(), r.reason());
            return new Taken(r, line);
        }
        Skipped skipped = in instanceof Inbound.SkipNotice n ? n.skipped() : null;
        SeqTracker.Outcome outcome = seqs.outcome(e.gatewayId(), e.seq(), e.ts(), skipped);
        if (outcome == SeqTracker.Outcome.DUPLICATE || retained && outcome != SeqTracker.Outcome.FILLS_GAP
                && !seqs.aboveHeard(e.gatewayId(), e.seq())) {
            // A retained copy was published live before this subscription (to this instance, a peer or an earlier
            // run): it counts where it fills a gap, or where it is newer than all heard of the gateway (published
            // while this instance was not subscribed: the gateway's latest state, the numbers before it missing as
            // for a live one); it is no baseline, nor news below what was heard.
            if (!retained && !seqs.knownCopy(e.gatewayId(), e.seq(), e.ts())) {
                // Perhaps a fresh store's, taken only when its event comes: on the disk before its ack, as a message
                // taken is, so that a crash meanwhile loses nothing (the merge takes its line by the same rule).
                long line = journal(in, e, null, receivedAt, true); // taken below, it names nothing skipped
                duplicates++;
                heldAside.add(new HeldAside.Message<>(e.gatewayId(), e.seq(), e.ts(), new Held(in, receivedAt, line)));
                LOG.debug("duplicate {} on '{}' held aside", e.id(), topic);
                return new Taken(in, line);
            }
            duplicates++;
            LOG.debug("{} {} on '{}' ignored", retained ? "retained copy" : "duplicate", e.id(), topic);
            return new Taken(in, lineOfDuplicate(e));
        }
        long line = take(in, e, skipped, receivedAt);
        if (skipped != null && skipped.reason().freshStore() && seqs.begunAgainAt(e.gatewayId(), skipped.to() + 1)) {
            // The fresh store's messages sent before this event and numbered as the old store's heard: theirs. They
            // were stamped after it (the same clock, later); one stamped before is the old store's, a duplicate.
            for (HeldAside.Message<Held> m : heldAside.above(e.gatewayId(), skipped.to() + 1)) {
                Held held = m.body();
                Envelope h = envelopeOf(held.in());
                if (!h.ts().isBefore(e.ts())
                        && seqs.outcome(h.gatewayId(), h.seq(), h.ts(), null) != SeqTracker.Outcome.DUPLICATE) {
                    duplicates--;
                    count(held.in(), h, null);
                    if (held.line() != 0) {
                        // Its held line, before the event's, stands for it; one a failed force lost is written again
                        // when the broker gives it again, a known duplicate by then. Still marked held: the event's
                        // own line may have been lost too and follow it, and the merge takes a held line at the event
                        // as it takes an unmarked one after it.
                        lines.taken(h.id(), held.line(), text(held.in(), h, null, held.receivedAt(), true));
                    }
                    LOG.info("aggregate {}: {} ({}), dropped as a duplicate before {} said the numbers begin again"
                            + " at {}, taken as the fresh store's", instance, h.id(), h.type(), e.id(),
                            skipped.to() + 1);
                }
            }
        }
        return new Taken(in, line);
    }

    /**
     * Journals the message and counts it. The line before anything is counted: a message whose line could not be
     * written leaves no trace, so when the broker gives it again (it is not acknowledged) it is taken afresh and
     * journalled, not as a duplicate.
     */
    private long take(Inbound in, Envelope e, Skipped skipped, Instant receivedAt) throws IOException {
        long line = journal(in, e, skipped, receivedAt, false);
        count(in, e, skipped);
        return line;
    }

    /** Counts a message whose line is written: its number heard, its values in their bucket. */
    private void count(Inbound in, Envelope e, Skipped skipped) {
        Telemetry telemetry = in instanceof Inbound.TelemetryMessage t ? t.telemetry() : null;
        Long will = in instanceof Inbound.OnlineState o ? o.will() : null;
        Long dropped = in instanceof Inbound.DropNotice d ? d.dropped() : null;
        boolean offline = in instanceof Inbound.OfflineState;
        seqs.see(e.gatewayId(), e.seq(), e.ts(), offline, skipped);
        if (skipped != null) {
            seqs.explain(e.gatewayId(), skipped);
        }
        if (will != null) {
            seqs.holdsWill(e.gatewayId(), e.seq(), will);
        }
        if (dropped != null) {
            seqs.dropped(dropped);
        }
        accepted++;
        if (telemetry != null) {
            buckets.add(e.gatewayId(), e.ts(), telemetry);
        }
    }

    /** The line a duplicate's ack waits for; the first copy's line is written again if a failed force lost it. */
    private long lineOfDuplicate(Envelope e) throws IOException {
        WrittenLines.Line first = lines.notOnDisk(e.id());
        if (first == null) {
            return 0;
        }
        if (!lines.lost(first.number())) {
            return first.number();
        }
        try {
            journal.append(first.text());
        } catch (IOException ex) {
            throw new IOException("journalling " + e.id() + " again to " + journal.path() + " (a failed force lost"
                    + " its line) failed", ex);
        }
        LOG.info("aggregate {}: {} given again; its journal line, lost with a failed force, is written again",
                instance, e.id());
        return lines.written(e.id(), first.text());
    }

    /** Java 17 has no pattern switch yet: the envelope of a valid message, null for a rejected one. */
    private static Envelope envelopeOf(Inbound in) {
        if (in instanceof Inbound.TelemetryMessage t) {
            return t.envelope();
        }
        if (in instanceof Inbound.OtherMessage o) {
            return o.envelope();
        }
        if (in instanceof Inbound.SkipNotice n) {
            return n.envelope();
        }
        if (in instanceof Inbound.OnlineState o) {
            return o.envelope();
        }
        if (in instanceof Inbound.DropNotice d) {
            return d.envelope();
        }
        if (in instanceof Inbound.OfflineState o) {
            return o.envelope();
        }
        return null;
    }

    /** Exports every bucket that is due; a row that cannot be written is kept and tried again next time. */
    public synchronized List<BucketRow> exportDue() {
        return write(buckets.closeDue(clock.instant()));
    }

    public synchronized Counters counters() {
        return new Counters(received, accepted, rejected, duplicates, seqs.openGaps(), seqs.gapsSeen(),
                buckets.late(), failed, seqs.skips());
    }

    private List<BucketRow> write(List<LoadBuckets.Sums> closed) {
        List<BucketRow> rows = closed.stream().map(this::row).toList();
        unwritten.addAll(rows);
        while (!unwritten.isEmpty()) {
            BucketRow r = unwritten.peekFirst();
            try {
                export.append(format.line(r));
                unwritten.pollFirst();
            } catch (IOException ex) {
                LOG.error("writing the row of bucket {} to {} failed ({} rows waiting); trying again at the next"
                        + " export", r.start(), export.path(), unwritten.size(), ex);
                break;
            }
        }
        return rows;
    }

    private BucketRow row(LoadBuckets.Sums s) {
        return new BucketRow(s.start(), s.end(), instance, s.gateways(), s.transformerUnknown(), s.transformerKw(),
                s.baseKw(), s.evKw(), s.limitKw(), s.shedKw(), s.addKw(), accepted, rejected, duplicates,
                seqs.openGaps(), buckets.late(), seqs.skips(), s.baseBoundKw(), s.baseKindUnknownKw());
    }

    /**
     * Puts every journal and dead-letter line written so far on the disk. Not synchronized with {@link #accept}:
     * messages go on being taken while the disk is busy, and their lines go with the next force.
     */
    @Override
    public void force() throws IOException {
        if (journal == null && deadLetter == null) {
            return;
        }
        long upTo;
        long deadLetterUpTo;
        boolean deadLetterDue;
        synchronized (this) {
            upTo = lines.last();
            deadLetterUpTo = deadLetterWritten;
            deadLetterDue = deadLetterWritten > deadLetterForced;
        }
        try {
            if (journal != null) {
                journal.force();
            }
            if (deadLetterDue) {
                deadLetter.force();
            } else if (deadLetter != null) {
                deadLetter.reopenIfMoved();
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.forceFailed();
            }
            throw e;
        }
        synchronized (this) {
            lines.forced(upTo);
            deadLetterForced = Math.max(deadLetterForced, deadLetterUpTo);
        }
    }

    /**
     * Goes on in new files where the export, the journal or the dead-letter file was moved away (logrotate), also
     * while no message arrives to force the journal; called every second. Forcing a moved file that fails is taken as
     * a failed force of the journal: its lines may be lost, and their messages are not acknowledged.
     */
    public void reopenMoved() {
        try {
            export.reopenIfMoved();
        } catch (IOException e) {
            LOG.error("aggregate {}: forcing the export {} moved away failed (its rows were each forced already)",
                    instance, export.path(), e);
        }
        for (LineFile f : new LineFile[] {journal, deadLetter}) {
            if (f == null) {
                continue;
            }
            try {
                f.reopenIfMoved();
            } catch (IOException e) {
                synchronized (this) {
                    lines.forceFailed();
                }
                LOG.error("aggregate {}: forcing {} moved away failed; the messages whose lines were not on the disk"
                        + " yet are not acknowledged (the broker gives them again)", instance, f.path(), e);
            }
        }
    }

    /**
     * Whether a failed force may have lost the journal line: then the message must not be acknowledged (its line is
     * written again when the broker gives it again).
     */
    @Override
    public synchronized boolean lineLost(long line) {
        return lines.lost(line);
    }

    /**
     * Keeps a message whose {@link #accept} threw (a failure of this program, not bad input): one line in the
     * dead-letter file with the reason and the payload, and one count. Without a dead-letter file the ERROR line
     * carries the payload.
     *
     * @throws IOException when the line could not be written: the message is not counted and must not be
     *                     acknowledged
     */
    @Override
    public synchronized long failed(String topic, byte[] payload, RuntimeException failure) throws IOException {
        String reason = failure.toString();
        if (deadLetter == null) {
            failed++;
            LOG.error("aggregate {}: taking the message on '{}' failed ({}); without a dead-letter file it is kept only"
                    + " here, payload (base64) {}", instance, topic, reason,
                    Base64.getEncoder().encodeToString(payload), failure);
            return 0;
        }
        long line = deadLetter("failed", topic, payload, reason);
        failed++;
        LOG.error("aggregate {}: taking the message on '{}' failed ({}); kept in {}", instance, topic, reason,
                deadLetter.path(), failure);
        return line;
    }

    /**
     * One line of the dead-letter file: what happened, where, why, and the payload as it came; a payload larger
     * than the contract allows only by its size, so that no sender can make the lines as large as it likes.
     */
    private long deadLetter(String kind, String topic, byte[] payload, String reason) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind).put("receivedAt", clock.instant().toString()).put("instance", instance)
                .put("topic", topic).put("reason", reason).put("payloadBytes", payload.length);
        if (payload.length <= MessageValidator.MAX_PAYLOAD_BYTES) {
            o.put("payloadBase64", Base64.getEncoder().encodeToString(payload));
        }
        String text = o.toString();
        try {
            deadLetter.append(text);
        } catch (IOException ex) {
            throw new IOException("keeping the message on '" + topic + "' in " + deadLetter.path() + " failed", ex);
        }
        deadLetterWritten = lines.written(null, text);
        return deadLetterWritten;
    }

    /**
     * The message's line is written: its number (0 without a journal).
     *
     * @param held a duplicate by its number held aside ({@link HeldAside}): marked {@code "held": true}, not counted
     *             unless a fresh store's event later says the numbers begin again below it
     */
    private long journal(Inbound in, Envelope e, Skipped skipped, Instant receivedAt, boolean held)
            throws IOException {
        if (journal == null) {
            return 0;
        }
        String text = text(in, e, skipped, receivedAt, held);
        try {
            journal.append(text);
        } catch (IOException ex) {
            throw new IOException("journalling " + e.id() + " to " + journal.path() + " failed (the message is"
                    + " not counted)", ex);
        }
        // A held line is not written again for a copy: the copy is held aside (and journalled) itself.
        return lines.written(held ? null : e.id(), text);
    }

    /** The message's journal line; {@code held} marks it held aside (see {@link #journal}). */
    private String text(Inbound in, Envelope e, Skipped skipped, Instant receivedAt, boolean held) {
        Telemetry t = in instanceof Inbound.TelemetryMessage m ? m.telemetry() : null;
        Long will = in instanceof Inbound.OnlineState o ? o.will() : null;
        Long dropped = in instanceof Inbound.DropNotice d ? d.dropped() : null;
        boolean offline = in instanceof Inbound.OfflineState;
        ObjectNode o = JSON.createObjectNode();
        o.put("id", e.id()).put("gatewayId", e.gatewayId()).put("seq", e.seq()).put("type", e.type())
                .put("ts", e.ts().toString()).put("receivedAt", receivedAt.toString()).put("instance", instance);
        if (t != null) {
            o.put("transformerKw", t.transformerKw()).put("baseKw", t.baseKw()).put("evKw", t.evKw())
                    .put("limitKw", t.limitKw()).put("shedKw", t.shedKw()).put("addKw", t.addKw());
            if (t.baseBound() != null) {
                o.put("baseBound", t.baseBound());
            }
        }
        if (skipped != null) {
            o.putObject("skipped").put("reason", skipped.reason().kind()).put("from", skipped.from())
                    .put("to", skipped.to());
        }
        if (will != null) {
            o.put("will", will);
        }
        if (offline) {
            o.put("state", "offline");
        }
        if (dropped != null) {
            o.put("dropped", dropped);
        }
        if (held) {
            o.put("held", true);
        }
        return o.toString();
    }

    /** Exports every open bucket (the last may cover only part of its time) and closes the files. */
    @Override
    public synchronized void close() throws IOException {
        write(buckets.closeAll());
        if (!unwritten.isEmpty()) {
            LOG.error("{} bucket rows could not be written to {} before closing", unwritten.size(), export.path());
        }
        Counters c = counters();
        Skips s = c.skipped();
        LOG.info("aggregate {}: received {}, accepted {}, rejected {}, duplicates {}, seqs skipped {} ({} still"
                        + " missing; set aside by the gateways: outbox.setAside {}, outbox.trimmed {},"
                        + " outbox.timeUnknown {}, store.movedAside {}), messages dropped unnumbered by the gateways"
                        + " (outbox.dropped) {}, late {}, failed {}", instance, c.received(), c.accepted(),
                c.rejected(), c.duplicates(), c.gapsSeen(), c.openGaps(), s.setAside(), s.trimmed(), s.timeUnknown(),
                s.storeMovedAside(), s.outboxDropped(), c.late(), c.failed());
        export.close();
        if (journal != null) {
            journal.close();
        }
        if (deadLetter != null) {
            deadLetter.close();
        }
    }
}
