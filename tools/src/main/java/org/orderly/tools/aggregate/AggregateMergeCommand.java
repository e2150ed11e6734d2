package org.orderly.tools.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.orderly.gateway.files.AtomicFile;
import org.orderly.tools.aggregate.LineFile.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orderly aggregate-merge}: the exact rows of a share group from its instances' journals (docs/aggregate.md). */
@Command(name = "aggregate-merge", mixinStandardHelpOptions = true,
        description = {"Merge the journals of several `orderly aggregate --journal` instances into exact bucket rows:"
                + " de-duplicated by id, gaps counted over each gateway's whole seq.",
                "The output is written whole or not at all. Exit codes: 0 done, 1 file trouble, 2 bad input."})
public final class AggregateMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "JOURNAL", description = "journals of the instances of one group")
    List<Path> journals;

    @Option(names = "--bucket", defaultValue = "1m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "time bucket (default ${DEFAULT-VALUE})")
    Duration bucket;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the merged rows (replaced)")
    Path out;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|jsonl", description = "default ${DEFAULT-VALUE}")
    String format;

    @Override
    public Integer call() {
        ExportFormat f = switch (format) {
            case "csv" -> ExportFormat.CSV;
            case "jsonl" -> ExportFormat.JSONL;
            default -> null;
        };
        if (f == null || bucket.toMillis() < 1000) {
            spec.commandLine().getErr().println("aggregate-merge: " + (f == null ? "--format " + format
                    + ": expected csv or jsonl" : "--bucket must be at least 1s"));
            return 2;
        }
        List<BucketRow> rows;
        try {
            rows = JournalMerge.merge(journals, bucket);
        } catch (JournalMerge.BadJournal e) {
            spec.commandLine().getErr().println("aggregate-merge: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("aggregate-merge: cannot read " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            // What the merge held is garbage once it has thrown, so there is room for the line.
            spec.commandLine().getErr().println("aggregate-merge: out of memory merging " + String.join(", ",
                    journals.stream().map(Path::toString).toList()) + "; give the JVM more heap (java -Xmx...): the"
                    + " merge holds each gateway's latest reading in each bucket");
            return 1;
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (LineFile file = new LineFile(tmp, f.header(), Durability.NONE)) {
                for (BucketRow r : rows) {
                    file.append(f.line(r));
                }
            }
            // Forced before and after the rename: after a power cut, the old rows or the whole new ones.
            AtomicFile.moveIntoPlace(tmp, out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("aggregate-merge: writing " + out + " failed: " + e);
            return 1;
        }
        spec.commandLine().getOut().printf("aggregate-merge: %d rows to %s%n", rows.size(), out);
        return 0;
    }
}
