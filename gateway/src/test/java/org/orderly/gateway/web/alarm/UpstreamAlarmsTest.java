package org.orderly.gateway.web.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * The upstream link's alarms on a board with a driven ticker: a refused command subscription at once and until it is
 * taken, a reconnect meanwhile not clearing it; a link not connected only once it has been so for 60 s.
 */
class UpstreamAlarmsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T11:00:00Z");
    private static final Optional<String> REFUSED = Optional.of("orderly/v1/gw/cmd/cap (reason code 0x87)");
    @TempDir
    Path dir;
    private Store store;
    private final TestTicker ticker = new TestTicker(987_654_321L);
    private AlarmBoard board;

    @BeforeEach
    void open() {
        store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC());
        board = new AlarmBoard(store, ticker);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRefusedCommandSubscriptionIsAnAlarmUntilTheBrokerTakesItThoughTheLinkReconnectsMeanwhile() throws Exception {
        look(0, true, Optional.empty());
        assertThat(board.list()).as("connected, commands taken").isEmpty();

        look(1, true, REFUSED);
        assertThat(board.list()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlarmKind.UPSTREAM_COMMANDS_REFUSED);
            assertThat(a.subject()).isEqualTo("gw");
            assertThat(a.raisedAt()).as("at once").isEqualTo(T0.plusSeconds(1).toEpochMilli());
            assertThat(a.clearedAt()).isNull();
        });
        String id = board.list().get(0).id();
        board.acknowledge(id, "li", T0.plusSeconds(2));

        // the connection lost and made again; the broker refuses again: the same alarm, still acknowledged
        look(3, false, REFUSED);
        look(5, true, REFUSED);
        assertThat(board.list()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.clearedAt()).isNull();
            assertThat(a.acknowledgedBy()).isEqualTo("li");
        });

        look(20, true, Optional.empty());
        assertThat(board.list()).as("cleared when a later SUBSCRIBE is taken").singleElement()
                .extracting(Alarm::clearedAt).isEqualTo(T0.plusSeconds(20).toEpochMilli());
        assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::message)
                    .containsExactly("UPSTREAM_COMMANDS_REFUSED", "UPSTREAM_COMMANDS_REFUSED by li",
                            "UPSTREAM_COMMANDS_REFUSED");
        }
    }

    @Test
    void aLinkNotConnectedIsAnAlarmOnlyOnceItHasBeenSoForAMinute() throws Exception {
        // a start: not connected for its first seconds
        look(0, false, Optional.empty());
        look(3, true, Optional.empty());
        assertThat(board.list()).as("a start is no alarm").isEmpty();

        look(10, false, Optional.empty());
        look(69.999, false, Optional.empty());
        assertThat(board.list()).as("not connected for less than a minute").isEmpty();

        look(70, false, Optional.empty());
        assertThat(board.list()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlarmKind.UPSTREAM_DISCONNECTED);
            assertThat(a.subject()).isEqualTo("gw");
            assertThat(a.clearedAt()).isNull();
        });
        assertThat(AlarmKind.UPSTREAM_DISCONNECTED.hold()).isEqualTo(Duration.ofSeconds(60));

        look(71, true, Optional.empty());
        assertThat(board.list()).as("cleared once connected").singleElement()
                .extracting(Alarm::clearedAt).isEqualTo(T0.plusSeconds(71).toEpochMilli());
    }

    /**
     * Messages the broker refused are an alarm at once, naming the kinds refused (updated in place as another kind is
     * refused), cleared once none is left; until 2026-12-03 there was none.
     */
    @Test
    void messagesTheBrokerRefusedAreAnAlarmNamingTheirKindsUntilNoneIsLeft() throws Exception {
        look(0, true, Optional.empty(), Optional.of("state"));
        assertThat(board.list()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlarmKind.UPSTREAM_MESSAGES_REFUSED);
            assertThat(a.subject()).isEqualTo("gw");
            assertThat(a.detail()).isEqualTo("state");
            assertThat(a.clearedAt()).isNull();
        });
        String id = board.list().get(0).id();

        look(1, false, Optional.empty(), Optional.of("state, telemetry"));
        assertThat(board.list()).as("the same alarm, a link down meanwhile no clear").singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).isEqualTo(id);
                    assertThat(a.detail()).isEqualTo("state, telemetry");
                    assertThat(a.clearedAt()).isNull();
                });

        look(2, true, Optional.empty(), Optional.empty());
        assertThat(board.list()).as("cleared once a message of each kind is taken").singleElement()
                .extracting(Alarm::clearedAt).isEqualTo(T0.plusSeconds(2).toEpochMilli());
        assertThat(AlarmKind.UPSTREAM_MESSAGES_REFUSED.onPile()).isFalse();
    }

    private void look(double seconds, boolean connected, Optional<String> refused) {
        look(seconds, connected, refused, Optional.empty());
    }

    /** A look of the page at {@code seconds} after T0, on the ticker and the wall clock alike. */
    private void look(double seconds, boolean connected, Optional<String> refused, Optional<String> messages) {
        long offset = Math.round(seconds * 1e9);
        ticker.setNanos(987_654_321L + offset);
        board.update(UpstreamAlarms.conditions(connected, refused, messages, "gw"), T0.plusNanos(offset));
    }
}
