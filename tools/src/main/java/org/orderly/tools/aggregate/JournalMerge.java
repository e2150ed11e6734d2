package org.orderly.tools.aggregate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The exact compound-wide view of a share group: the union of its instances' journals, de-duplicated by id, with
 * gaps counted over every gateway's complete seq and the buckets summed as one instance would have (latest reading of
 * each gateway per bucket). Needed when the broker spreads a gateway's messages over several instances (round robin),
 * where each instance's own rows and counters see only its share.
 *
 * <p>The journals are read side by side, a line at a time, in the order their instances received the lines (each
 * journal is in that order already): the merge hears the messages as one instance over all would have, and holds
 * only what such an instance holds (each gateway's numbers as runs, the buckets' latest readings), not the lines.
 */
public final class JournalMerge {

    /** A journal line that is not what `orderly aggregate --journal` writes; the message says file and line. */
    public static final class BadJournal extends Exception {
        BadJournal(String message) {
            super(message);
        }
    }

    private JournalMerge() {
    }

    /** The merged rows, oldest bucket first; each carries the merge's totals (instance "merged"). */
    public static List<BucketRow> merge(List<Path> journals, Duration bucket) throws IOException, BadJournal {
        Heard heard = new Heard(new LoadBuckets(bucket, Duration.ZERO));
        List<JournalReader> readers = new ArrayList<>();
        try {
            PriorityQueue<JournalReader> heads = new PriorityQueue<>(Comparator
                    .comparing((JournalReader r) -> r.head().receivedAt()).thenComparingInt(JournalReader::index));
            for (Path journal : journals) {
                JournalReader r = new JournalReader(journal, readers.size());
                readers.add(r);
                if (r.advance()) {
                    heads.add(r);
                }
            }
            while (!heads.isEmpty()) {
                JournalReader r = heads.poll();
                heard.line(r.head());
                if (r.advance()) {
                    heads.add(r);
                }
            }
        } finally {
            for (JournalReader r : readers) {
                r.close();
            }
        }
        SeqTracker seqs = heard.seqs;
        long total = heard.accepted;
        long duplicates = heard.copies;
        return heard.buckets.closeAll().stream().map(s -> new BucketRow(s.start(), s.end(), "merged", s.gateways(),
                s.transformerUnknown(), s.transformerKw(), s.baseKw(), s.evKw(), s.limitKw(), s.shedKw(), s.addKw(),
                total, 0, duplicates, seqs.openGaps(), 0, seqs.skips(), s.baseBoundKw(), s.baseKindUnknownKw())).toList();
    }

    /** What the merge has heard so far: each line is taken as the instance that wrote it took its message. */
    private static final class Heard {
        private final SeqTracker seqs = new SeqTracker();
        private final LoadBuckets buckets;
        /**
         * Lines whose number was heard and that are no copy known: taken only when a fresh store's event says the
         * numbers begin again below them, as the instance takes a message it held aside. Not only the lines marked
         * held: a line of the event written again after a failed force lost it (Aggregator, WrittenLines) follows the
         * lines of the fresh store's messages the instance took after it, unmarked.
         */
        private final HeldAside<JournalReader.Entry> held = new HeldAside<>();
        private long accepted;
        private long copies;

        Heard(LoadBuckets buckets) {
            this.buckets = buckets;
        }

        void line(JournalReader.Entry e) {
            if (seqs.outcome(e.gatewayId(), e.seq(), e.ts(), e.skipped()) == SeqTracker.Outcome.DUPLICATE) {
                copies++;
                if (!seqs.knownCopy(e.gatewayId(), e.seq(), e.ts())) {
                    held.add(new HeldAside.Message<>(e.gatewayId(), e.seq(), e.ts(), e));
                }
                return;
            }
            if (!take(e)) {
                return;
            }
            Skipped s = e.skipped();
            if (s != null && s.reason().freshStore() && seqs.begunAgainAt(e.gatewayId(), s.to() + 1)) {
                // As the instance does (Aggregator): the fresh store's messages sent before its event, stamped not
                // before it, are its own; their lines came before the event's.
                for (HeldAside.Message<JournalReader.Entry> m : held.above(e.gatewayId(), s.to() + 1)) {
                    if (!m.ts().isBefore(e.ts()) && seqs.outcome(m.gatewayId(), m.seq(), m.ts(), null)
                            != SeqTracker.Outcome.DUPLICATE) {
                        copies--;
                        take(m.body());
                    }
                }
            }
        }

        /** Counts the line's message unless its number was heard: whether it was taken. */
        private boolean take(JournalReader.Entry e) {
            SeqTracker.Outcome seen = seqs.see(e.gatewayId(), e.seq(), e.ts(), e.offline(), e.skipped());
            if (seen == SeqTracker.Outcome.DUPLICATE) {
                copies++;
                return false;
            }
            accepted++;
            if (e.skipped() != null) {
                seqs.explain(e.gatewayId(), e.skipped());
            }
            if (e.will() != null) {
                seqs.holdsWill(e.gatewayId(), e.seq(), e.will());
            }
            if (e.dropped() != null) {
                seqs.dropped(e.dropped());
            }
            if (e.telemetry() != null) {
                buckets.add(e.gatewayId(), e.ts(), e.telemetry());
            }
            return true;
        }
    }
}
