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
        SeqTracker seqs = new SeqTracker();
        LoadBuckets buckets = new LoadBuckets(bucket, Duration.ZERO);
        long accepted = 0;
        long copies = 0;
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
                JournalReader.Entry e = r.head();
                SeqTracker.Outcome seen = seqs.see(e.gatewayId(), e.seq(), e.ts(), e.offline(), e.skipped());
                if (seen == SeqTracker.Outcome.DUPLICATE) {
                    copies++;
                } else {
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
                }
                if (r.advance()) {
                    heads.add(r);
                }
            }
        } finally {
            for (JournalReader r : readers) {
                r.close();
            }
        }
        long total = accepted;
        long duplicates = copies;
        return buckets.closeAll().stream().map(s -> new BucketRow(s.start(), s.end(), "merged", s.gateways(),
                s.transformerUnknown(), s.transformerKw(), s.baseKw(), s.evKw(), s.limitKw(), s.shedKw(), s.addKw(),
                total, 0, duplicates, seqs.openGaps(), 0, seqs.skips())).toList();
    }
}
