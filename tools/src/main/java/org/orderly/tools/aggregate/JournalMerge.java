package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact compound-wide view of a share group: the union of its instances' journals, de-duplicated by id, with
 * gaps counted over every gateway's complete seq and the buckets summed as one instance would have (latest reading of
 * each gateway per bucket). Needed when the broker spreads a gateway's messages over several instances (round robin),
 * where each instance's own rows and counters see only its share.
 */
public final class JournalMerge {
    private static final Logger LOG = LoggerFactory.getLogger(JournalMerge.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A journal line that is not what `orderly aggregate --journal` writes; the message says file and line. */
    public static final class BadJournal extends Exception {
        BadJournal(String message) {
            super(message);
        }
    }

    private record Entry(String id, String gatewayId, long seq, Instant ts, Telemetry telemetry, Skipped skipped) {
    }

    private JournalMerge() {
    }

    /** The merged rows, oldest bucket first; each carries the merge's totals (instance "merged"). */
    public static List<BucketRow> merge(List<Path> journals, Duration bucket) throws IOException, BadJournal {
        Set<String> ids = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        long copies = 0;
        for (Path journal : journals) {
            for (Entry e : read(journal)) {
                if (ids.add(e.id())) {
                    entries.add(e);
                } else {
                    copies++;
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::gatewayId).thenComparingLong(Entry::seq));
        SeqTracker seqs = new SeqTracker();
        LoadBuckets buckets = new LoadBuckets(bucket, Duration.ZERO);
        for (Entry e : entries) {
            seqs.see(e.gatewayId(), e.seq());
            if (e.skipped() != null) {
                seqs.explain(e.gatewayId(), e.skipped());
            }
            if (e.telemetry() != null) {
                buckets.add(e.gatewayId(), e.ts(), e.telemetry());
            }
        }
        long accepted = entries.size();
        long duplicates = copies;
        return buckets.closeAll().stream().map(s -> new BucketRow(s.start(), s.end(), "merged", s.gateways(),
                s.transformerUnknown(), s.transformerKw(), s.baseKw(), s.evKw(), s.limitKw(), s.shedKw(), s.addKw(),
                accepted, 0, duplicates, seqs.openGaps(), 0, seqs.skips())).toList();
    }

    private static List<Entry> read(Path journal) throws IOException, BadJournal {
        List<Entry> out = new ArrayList<>();
        boolean endsWithNewline = Files.size(journal) == 0 || endsWithNewline(journal);
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                try {
                    out.add(entry(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    if (!endsWithNewline && in.readLine() == null) {
                        LOG.warn("{}:{}: unfinished last line (an interrupted write) skipped", journal, lineNo);
                        break;
                    }
                    throw new BadJournal(journal + ":" + lineNo + ": not a journal line of orderly aggregate ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            }
        }
        return out;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static Entry entry(JsonNode j) {
        String id = required(j, "id").textValue();
        String gatewayId = required(j, "gatewayId").textValue();
        long seq = required(j, "seq").longValue();
        Instant ts;
        try {
            ts = Instant.parse(required(j, "ts").textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field 'ts' is not an instant");
        }
        String outside = MessageValidator.tsOutside(ts);
        if (outside != null) {
            throw new IllegalArgumentException(outside);
        }
        Telemetry t = "telemetry".equals(required(j, "type").textValue())
                ? new Telemetry(kw(j, "transformerKw"), kw(j, "baseKw"), kw(j, "evKw"), kw(j, "limitKw"),
                kw(j, "shedKw"), kw(j, "addKw"))
                : null;
        return new Entry(id, gatewayId, seq, ts, t, skipped(j.get("skipped"), seq));
    }

    /** What the event on this line named as skipped (the journal's {@code skipped} object), or null. */
    private static Skipped skipped(JsonNode s, long seq) {
        if (s == null || s.isNull()) {
            return null;
        }
        SkipReason reason = SkipReason.ofKind(required(s, "reason").textValue());
        long from = required(s, "from").longValue();
        long to = required(s, "to").longValue();
        if (reason == null || from > to || to >= seq) {
            throw new IllegalArgumentException("field 'skipped' is not {reason, from, to} below the line's seq");
        }
        return new Skipped(reason, from, to);
    }

    private static JsonNode required(JsonNode j, String field) {
        JsonNode n = j.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return n;
    }

    private static Double kw(JsonNode j, String field) {
        JsonNode n = j.get(field);
        return n == null || n.isNull() ? null : n.doubleValue();
    }
}
