package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aggregate-merge over a fleet's journals where every message is journalled by two instances (two share groups of
 * two, each group's messages split round robin) and one host, running one instance of each group, was down for a
 * while with its sessions kept: its instances get their share afterwards, all at once, copies of what the other
 * instances journalled minutes before, no copy the merge knows (older than a gateway's 20 newest), so each is held
 * aside. A gateway whose fresh store came up meanwhile had its {@code online} (numbered as one of the old store's)
 * given to the live instances and its {@code store.numbered} to the host that was down: the online's lines wait for
 * the event behind that catch-up. Until 2026-12-05 the held-aside store kept 1,000 lines over all gateways, and the
 * catch-up pushed the online out: lost from the merge.
 */
class HeldAsideFloodTest {
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final String FRESH = "gw-fresh";

    @TempDir
    Path dir;

    @Test
    void aFreshStoresOnlineWaitsForItsEventBehindAHostsCatchUp() throws Exception {
        // 100 gateways every 5 s for 20 minutes, the host down its last 5: 6,000 copies caught up, 4,800 before the event.
        Fleet f = fleet(100, Duration.ofMinutes(20), Duration.ofMinutes(5));

        List<BucketRow> rows = JournalMerge.merge(f.journals(), Duration.ofMinutes(1));

        BucketRow last = rows.get(rows.size() - 1);
        assertThat(last.openGaps()).as("numbers missing").isZero();
        assertThat(last.accepted()).as("messages taken").isEqualTo(f.messages());
    }

    /** One journal line as an instance wrote it. */
    private record Line(Instant receivedAt, int journal, String text) {
    }

    /** The four journals and how many distinct messages they hold. */
    record Fleet(List<Path> journals, long messages) {
    }

    /**
     * Gateways gw-0.. send telemetry every 5 s from {@link #START} for {@code span}; the host of journals a2 and b2 is
     * down for the last {@code down} of it and catches up right after, a line a millisecond. gw-fresh sends 100
     * telemetry messages, is stopped, and comes back with a fresh store numbered from 5 a minute before the host does:
     * its event (5, stamped first) to the host that is down, its {@code online} (6, at connect) to the live ones, which
     * held it aside, and then its telemetry 7 after the catch-up.
     */
    Fleet fleet(int gateways, Duration span, Duration down) throws IOException {
        List<Line> lines = new ArrayList<>();
        Instant downFrom = START.plus(span).minus(down);
        Instant back = START.plus(span);
        long messages = 0;
        long k = 0;
        long caughtUp = 0;
        long rounds = span.toSeconds() / 5;
        for (long r = 1; r <= rounds; r++) {
            Instant ts = START.plusSeconds(5 * (r - 1));
            for (int g = 0; g < gateways; g++) {
                Instant sent = ts.plusMillis(g);
                String gw = "gw-" + g;
                messages++;
                int live = k % 2 == 0 ? 0 : 3; // a1 or b1 live
                int other = k % 2 == 0 ? 2 : 1; // b2 or a2
                k++;
                lines.add(new Line(sent, live, telemetry(gw, r, ts, sent, live)));
                Instant at = sent.isBefore(downFrom) ? sent.plusMillis(1) : back.plusMillis(++caughtUp);
                lines.add(new Line(at, other, telemetry(gw, r, ts, at, other)));
            }
        }
        for (long s = 1; s <= 100; s++) {
            Instant ts = START.plusSeconds(5 * (s - 1));
            messages++;
            lines.add(new Line(ts, 0, telemetry(FRESH, s, ts, ts, 0)));
            lines.add(new Line(ts.plusMillis(1), 2, telemetry(FRESH, s, ts, ts.plusMillis(1), 2)));
        }
        Instant event = back.minusSeconds(60);
        Instant online = event.plusSeconds(1);
        messages += 3;
        for (int j : new int[] {0, 3}) {
            lines.add(new Line(online, j, String.format(Locale.ROOT, "{\"id\":\"%s:6\",\"gatewayId\":\"%s\",\"seq\":6,"
                    + "\"type\":\"state\",\"ts\":\"%s\",\"receivedAt\":\"%s\",\"instance\":\"%s\",\"held\":true}",
                    FRESH, FRESH, online, online, name(j))));
        }
        // The event was published before the catch-up's last line (a minute before the host came back).
        Instant eventAt = back.plusMillis(caughtUp - 12 * gateways);
        for (int j : new int[] {1, 2}) {
            lines.add(new Line(eventAt, j, String.format(Locale.ROOT, "{\"id\":\"%s:5\",\"gatewayId\":\"%s\",\"seq\":5,"
                    + "\"type\":\"event\",\"ts\":\"%s\",\"receivedAt\":\"%s\",\"instance\":\"%s\",\"skipped\":"
                    + "{\"reason\":\"store.numbered\",\"from\":0,\"to\":4}}", FRESH, FRESH, event, eventAt, name(j))));
        }
        Instant seven = back.plusMillis(caughtUp + 1);
        lines.add(new Line(seven, 0, telemetry(FRESH, 7, seven.minusMillis(1), seven, 0)));
        lines.add(new Line(seven, 3, telemetry(FRESH, 7, seven.minusMillis(1), seven, 3)));
        lines.sort(Comparator.comparing(Line::receivedAt));
        List<Path> journals = new ArrayList<>();
        List<BufferedWriter> out = new ArrayList<>();
        try {
            for (int j = 0; j < 4; j++) {
                Path p = dir.resolve(name(j) + ".jsonl");
                journals.add(p);
                out.add(Files.newBufferedWriter(p, StandardCharsets.UTF_8));
            }
            for (Line l : lines) {
                out.get(l.journal()).write(l.text());
                out.get(l.journal()).newLine();
            }
        } finally {
            for (BufferedWriter w : out) {
                w.close();
            }
        }
        return new Fleet(journals, messages);
    }

    private static String name(int journal) {
        return new String[] {"a1", "a2", "b2", "b1"}[journal];
    }

    private static String telemetry(String gw, long seq, Instant ts, Instant receivedAt, int journal) {
        return String.format(Locale.ROOT, "{\"id\":\"%s:%d\",\"gatewayId\":\"%s\",\"seq\":%d,\"type\":\"telemetry\","
                + "\"ts\":\"%s\",\"receivedAt\":\"%s\",\"instance\":\"%s\",\"transformerKw\":102.0,\"baseKw\":100.0,"
                + "\"evKw\":2.0,\"limitKw\":400.0,\"shedKw\":2.0,\"addKw\":298.0}", gw, seq, gw, seq, ts, receivedAt,
                name(journal));
    }
}
