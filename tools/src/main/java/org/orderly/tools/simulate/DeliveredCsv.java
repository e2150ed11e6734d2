package org.orderly.tools.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code delivered.csv[.gz]}: {@code stepStart,session,pile,kw}, times as {@link OutputTime}s, ids as
 * {@link CsvField}s.
 */
final class DeliveredCsv implements Simulator.DrawSink, AutoCloseable {
    private final BufferedWriter out;
    private final ZoneOffset offset;

    DeliveredCsv(Path file, ZoneOffset offset, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        this.out = new BufferedWriter(new OutputStreamWriter(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw,
                StandardCharsets.UTF_8), 1 << 16);
        this.offset = offset;
        out.write("stepStart,session,pile,kw\n");
    }

    @Override
    public void draw(Instant stepStart, String sessionId, String pileId, double kw) throws IOException {
        out.write(OutputTime.of(stepStart, offset));
        out.write(',');
        out.write(CsvField.of(sessionId));
        out.write(',');
        out.write(CsvField.of(pileId));
        out.write(',');
        out.write(String.format(Locale.ROOT, "%.6f", kw));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
