package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

/**
 * A {@code duplicate id:} rejection says the cap accepted before as its {@code cap.accepted} said it (docs/upstream.md,
 * "cmd/cap: a grid cap"): {@code 30 kW}, the limit as the grid side wrote it, not Java's {@code limitKw 30.0}.
 */
class CapDuplicateIdWordsTest {
    private static final Instant FROM = Instant.parse("2026-11-29T18:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-29T21:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theCapAcceptedBeforeIsSaidAsItsAcceptanceSaidIt() {
        VirtualClock clock = new VirtualClock(Instant.parse(CapSamples.NOW), ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT)) {
            CapCommand first = new CapCommand("c-17", FROM, TO, 30);
            assertThat(book.accept(first)).isEqualTo(new Verdict.Accepted());

            Verdict again = book.accept(new CapCommand("c-17", FROM, TO, 35.5));

            assertThat(again).isEqualTo(new Verdict.Rejected("duplicate id: c-17 was accepted before with other values"
                    + " (30 kW from 2026-11-29T18:00:00Z to 2026-11-29T21:00:00Z)"));
            assertThat(((Verdict.Rejected) again).reason()).as("as cap.accepted said it").endsWith("(" + first.said() + ")");
        }
    }
}
