package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

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

    private final CapParser parser = new CapParser(CommandLimits.DEFAULT, 630);

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
     * A cap whose window lies within one millisecond is accepted (its {@code to} is after its {@code from}); stored in
     * milliseconds its window is empty, and the next start cannot open the caps at all.
     */
    @Test
    void aCapWithinOneMillisecondDoesNotStopTheNextStart() {
        String cap = "{\"v\":1,\"id\":\"tiny\",\"from\":\"2026-11-29T18:00:00.0001Z\","
                + "\"to\":\"2026-11-29T18:00:00.0009Z\",\"limitKw\":400}";
        VirtualClock clock = new VirtualClock(NOW, ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock)) {
            try (CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT)) {
                Verdict v = book.accept(read(cap, book));
                // Whatever the verdict, a remote command must not keep the gateway from starting.
                assertThat(v).isNotNull();
            }
            assertThatCode(() -> CapBook.open(store.database(), clock, CommandLimits.DEFAULT).close())
                    .as("opening the caps at the next start")
                    .doesNotThrowAnyException();
        }
    }
}
