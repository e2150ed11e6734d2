package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;

/** An event's arguments are stored with it; a store made before events had them opens with its rows kept. */
class EventArgsStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);

    @Test
    void aStoreOfTheSchemaBeforeArgumentsKeepsItsEventsAndStoresArgumentsFromThen() throws Exception {
        Path file = dir.resolve("old.db");
        // The schema as released before events had arguments (version 7), with an event as that code wrote it.
        try (Connection c = new Database(file).open()) {
            assertThat(Migrations.apply(c, clock, Migrations.ALL.subList(0, 7))).isEqualTo(7);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO events (time, kind, subject, message) VALUES (" + T0.getEpochSecond()
                        + ", 'web.limit', 'p0', '16.0 A by li')");
            }
        }
        try (Store store = Store.open(StoreSettings.of(file, 90), clock)) {
            assertThat(store.event(EventKind.WEB_LIMIT, "p1", "0.0 A by wang", "form", "paused", "amps", 0.0,
                    "by", "wang")).isTrue();
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            try (StoreReader r = store.reader()) {
                assertThat(Migrations.currentVersion(r.connection())).isEqualTo(Migrations.ALL.size());
                List<StoreEvent> events = r.events(T0.minusSeconds(1), T0.plusSeconds(1));
                assertThat(events).containsExactly(
                        new StoreEvent(T0, "web.limit", "p0", "16.0 A by li", null),
                        new StoreEvent(T0, "web.limit", "p1", "0.0 A by wang",
                                Map.of("form", "paused", "amps", "0.0", "by", "wang")));
            }
        }
    }

    @Test
    void anArgumentItsKindDoesNotDeclareIsAMistakeThatFailsEveryTest() {
        assertThat(EventArgs.mistake(EventKind.WEB_LIMIT, "form", "amps", "who", "li"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("web.limit: no argument who"));
        assertThat(EventArgs.mistake(EventKind.WEB_LIMIT, "by", "li"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("web.limit: give its form"));
        assertThat(EventArgs.mistake(EventKind.WEB_LIMIT, "form", "stopped"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("web.limit: no argument form stopped"));
        assertThat(EventArgs.mistake(EventKind.WEB_LIMIT, "form")).isPresent();
        assertThat(EventArgs.mistake(EventKind.WEB_LIMIT, "form", "paused", "amps", 0.0, "by", "li")).isEmpty();
        // Tests run with assertions on (Surefire's default): a call site that names what its kind does not take fails.
        assertThatThrownBy(() -> StoreEvent.of(T0, EventKind.WEB_LIMIT, "p0", "16.0 A by li", "form", "amps",
                "who", "li")).isInstanceOf(AssertionError.class).hasMessageContaining("web.limit: no argument who");
        assertThat(StoreEvent.of(T0, EventKind.ALARM_RAISED, "p0", "PILE_OFFLINE", "alarm", "PILE_OFFLINE",
                "detail", null).args()).isEqualTo(Map.of("alarm", "PILE_OFFLINE"));
    }
}
