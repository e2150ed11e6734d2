package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.CapturedLog;

/**
 * A cap accepted is kept across a restart as it was accepted (docs/upstream.md, "cmd/cap: a grid cap": "The same cap
 * again (same id, same values) is answered duplicate and changes nothing"; "An accepted cap is stored ... so it
 * survives a restart"). {@code from} and {@code to} may carry a fraction of 1 to 9 digits (RFC 3339, as the gateway
 * reads them), but {@code grid_caps} keeps epoch milliseconds.
 */
class CapBookRestartTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);

    @TempDir
    Path dir;

    private final CapParser parser = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE);

    private CapCommand read(String json, CapBook book) {
        Parsed<CapCommand> p = parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW, book::knows);
        assertThat(p).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<CapCommand>) p).value();
    }

    /** The grid side sends a cap again until it hears a reply; after a restart the repeat must still be a duplicate. */
    @Test
    void theSameCapWithMicrosecondsIsADuplicateAfterARestart() {
        String cap = "{\"v\":1,\"id\":\"peak-1\",\"from\":\"2026-11-29T18:00:00.123456Z\","
                + "\"to\":\"2026-11-29T21:00:00.123456Z\",\"limitKw\":400}";
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock)) {
            try (CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT)) {
                assertThat(book.accept(read(cap, book))).isEqualTo(new Verdict.Accepted());
                assertThat(book.accept(read(cap, book))).isEqualTo(new Verdict.Duplicate());
            }
            try (CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT)) {
                assertThat(book.accept(read(cap, book)))
                        .as("the very cap accepted before the restart, sent again")
                        .isEqualTo(new Verdict.Duplicate());
            }
        }
    }

    /**
     * A cap whose window lies within one millisecond is refused, one line naming it: kept in milliseconds its window
     * would be empty. One stored so by a gateway before 2026-12-03 is passed over at the next start, which it stopped.
     */
    @Test
    void aCapWithinOneMillisecondIsRefusedAndOneStoredBeforeDoesNotStopTheNextStart() throws Exception {
        String cap = "{\"v\":1,\"id\":\"tiny\",\"from\":\"2026-11-29T18:00:00.0001Z\","
                + "\"to\":\"2026-11-29T18:00:00.0009Z\",\"limitKw\":400}";
        assertThat(parser.parse(cap.getBytes(StandardCharsets.UTF_8), NOW)).isEqualTo(new Parsed.Bad<>("tiny",
                "to: 2026-11-29T18:00:00Z must be after from 2026-11-29T18:00:00Z (to the millisecond)"));
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.database().file())) {
                GridCapsTable.insert(c, new CapCommand("tiny", Instant.parse("2026-11-29T18:00:00.0001Z"),
                        Instant.parse("2026-11-29T18:00:00.0009Z"), 400), NOW);
            }
            assertThatCode(() -> CapBook.open(store.database(), clock, CommandLimits.DEFAULT).close())
                    .as("opening the caps at the next start")
                    .doesNotThrowAnyException();
        }
    }

    /**
     * The INFO of a cap accepted says its limit as the grid side wrote it ({@code 13.75 kW}, {@code 400 kW}), as the
     * {@code cap.accepted} event's message does (both {@link CapCommand#said}). Until 2026-12-04 Java's {@code 400.0}.
     */
    @Test
    void aCapAcceptedIsLoggedWithItsLimitAsWritten() {
        String whole = "{\"v\":1,\"id\":\"peak-2\",\"from\":\"2026-11-29T18:00:00Z\","
                + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":400}";
        String fraction = "{\"v\":1,\"id\":\"peak-3\",\"from\":\"2026-11-29T18:00:00Z\","
                + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":13.75}";
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
             CapturedLog log = new CapturedLog()) {
            assertThat(book.accept(read(whole, book))).isEqualTo(new Verdict.Accepted());
            assertThat(book.accept(read(fraction, book))).isEqualTo(new Verdict.Accepted());

            assertThat(log.lines("INFO", "accepted")).satisfiesExactly(
                    l -> assertThat(l).endsWith("grid cap peak-2 accepted: 400 kW from 2026-11-29T18:00:00Z to "
                            + "2026-11-29T21:00:00Z"),
                    l -> assertThat(l).endsWith("grid cap peak-3 accepted: 13.75 kW from 2026-11-29T18:00:00Z to "
                            + "2026-11-29T21:00:00Z"));
        }
    }
}
