package org.orderly.gateway.web.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * Alarms are raised once (a pile meter's only once silent for its hold, on the ticker), cleared when their condition
 * goes, acknowledged by name, and written to the store.
 */
class AlarmBoardTest {
    private static final Instant T0 = Instant.parse("2026-11-30T11:00:00Z");
    private static final AlarmBoard.Condition STALE = new AlarmBoard.Condition(AlarmKind.METER_STALE, "gw");
    private static final AlarmBoard.Condition P3 = new AlarmBoard.Condition(AlarmKind.PILE_OFFLINE, "p3");
    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void raisedOnceClearedWhenGoneAndAcknowledged() throws Exception {
        AlarmBoard board = new AlarmBoard(store, () -> new Tick(0));
        board.update(Set.of(STALE), T0);
        board.update(Set.of(STALE, P3), T0.plusSeconds(1));
        assertThat(board.list()).extracting(Alarm::kind).containsExactly(AlarmKind.PILE_OFFLINE, AlarmKind.METER_STALE);
        String staleId = board.list().get(1).id();

        assertThat(board.acknowledge(staleId, "li", T0.plusSeconds(2))).get().extracting(a -> a.alarm().acknowledgedBy())
                .isEqualTo("li");
        board.update(Set.of(P3), T0.plusSeconds(3));
        Alarm cleared = board.list().get(1);
        assertThat(cleared.kind()).isEqualTo(AlarmKind.METER_STALE);
        assertThat(cleared.raisedAt()).isEqualTo(T0.toEpochMilli());
        assertThat(cleared.clearedAt()).isEqualTo(T0.plusSeconds(3).toEpochMilli());
        assertThat(cleared.acknowledgedBy()).isEqualTo("li");
        assertThat(board.acknowledge("a999", "li", T0)).isEmpty();

        assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::kind)
                    .containsExactly("alarm.raised", "alarm.raised", "alarm.acknowledged", "alarm.cleared");
        }
    }

    @Test
    void anotherFaultReasonIsAnotherAlarmAndItsReasonIsStored() throws Exception {
        AlarmBoard board = new AlarmBoard(store, () -> new Tick(0));
        board.update(Set.of(new AlarmBoard.Condition(AlarmKind.PILE_FAULT, "p1", "contactor did not close")), T0);
        String first = board.list().get(0).id();
        board.acknowledge(first, "li", T0.plusSeconds(1));
        board.update(Set.of(new AlarmBoard.Condition(AlarmKind.PILE_FAULT, "p1", "contactor welded")), T0.plusSeconds(2));

        assertThat(board.list()).extracting(Alarm::detail, a -> a.clearedAt() == null, Alarm::acknowledgedBy)
                .containsExactly(tuple("contactor welded", true, null), tuple("contactor did not close", false, "li"));
        assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::message)
                    .contains("PILE_FAULT (contactor did not close)", "PILE_FAULT (contactor welded)");
        }
    }

    @Test
    void aCountThatMovesIsUpdatedInItsAlarm() {
        AlarmBoard board = new AlarmBoard(store, () -> new Tick(0));
        board.update(Set.of(new AlarmBoard.Condition(AlarmKind.UPSTREAM_STORE_FAILING, "gw", "3")), T0);
        String id = board.list().get(0).id();
        board.acknowledge(id, "li", T0.plusSeconds(1));
        board.update(Set.of(new AlarmBoard.Condition(AlarmKind.UPSTREAM_STORE_FAILING, "gw", "500")), T0.plusSeconds(2));

        assertThat(board.list()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.detail()).isEqualTo("500");
            assertThat(a.raisedAt()).isEqualTo(T0.toEpochMilli());
            assertThat(a.acknowledgedBy()).isEqualTo("li");
        });
    }

    @Test
    void aClearedAlarmIsListedForADayThenDropped() {
        AlarmBoard board = new AlarmBoard(store, () -> new Tick(0));
        board.update(Set.of(P3), T0);
        board.update(Set.of(), T0.plusSeconds(60));
        board.update(Set.of(), T0.plus(AlarmBoard.KEEP_CLEARED).plusSeconds(59));
        assertThat(board.list()).hasSize(1);
        board.update(Set.of(), T0.plus(AlarmBoard.KEEP_CLEARED).plusSeconds(61));
        assertThat(board.list()).isEmpty();
    }

    /**
     * A pile meter silent for a moment (the first second after a start, one lost answer) is no alarm: it is raised
     * only once the bridge has said meterOk false at every update for 10 s on the ticker, whatever the wall clock does.
     */
    @Test
    void aPileMeterIsAnAlarmOnlyOnceSilentForTheHold() throws Exception {
        TestTicker ticker = new TestTicker(123_456_789L);
        long start = ticker.now().nanos();
        AlarmBoard board = new AlarmBoard(store, ticker);
        AlarmBoard.Condition silent = new AlarmBoard.Condition(AlarmKind.PILE_METER_FAILING, "p0");

        board.update(Set.of(silent), T0);
        ticker.setNanos(start + Duration.ofMillis(9_999).toNanos());
        board.update(Set.of(silent), T0.plusSeconds(10));
        assertThat(board.list()).as("silent for less than the hold").isEmpty();

        // it answers once: the hold starts again when it falls silent again
        ticker.setNanos(start + Duration.ofSeconds(10).toNanos());
        board.update(Set.of(), T0.plusSeconds(10));
        ticker.setNanos(start + Duration.ofSeconds(11).toNanos());
        board.update(Set.of(silent), T0.plusSeconds(11));
        ticker.setNanos(start + Duration.ofMillis(20_999).toNanos());
        board.update(Set.of(silent), T0.plusSeconds(21));
        assertThat(board.list()).as("silent again for less than the hold, though 21 s after it first was").isEmpty();

        // the wall clock stepped back an hour meanwhile: the hold is measured on the ticker
        ticker.setNanos(start + Duration.ofSeconds(21).toNanos());
        Instant stepped = T0.minusSeconds(3600);
        board.update(Set.of(silent), stepped);
        assertThat(board.list()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlarmKind.PILE_METER_FAILING);
            assertThat(a.subject()).isEqualTo("p0");
            assertThat(a.raisedAt()).isEqualTo(stepped.toEpochMilli());
            assertThat(a.clearedAt()).isNull();
        });

        ticker.setNanos(start + Duration.ofSeconds(22).toNanos());
        board.update(Set.of(), stepped.plusSeconds(1));
        assertThat(board.list()).as("cleared at the first answer").singleElement()
                .extracting(Alarm::clearedAt).isEqualTo(stepped.plusSeconds(1).toEpochMilli());
        assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::kind)
                    .containsExactly("alarm.raised", "alarm.cleared");
        }
    }

    /**
     * A line over its limit: each line is its own alarm, raised and cleared on its own; its current moves in place while
     * it stands (no new alarm, no new event to acknowledge).
     */
    @Test
    void eachLineOverItsLimitIsItsOwnAlarmWhoseCurrentFollowsIt() throws Exception {
        AlarmBoard board = new AlarmBoard(store, () -> new Tick(0));
        board.update(Set.of(line("A: 412.5 A of 400 A")), T0);
        board.update(Set.of(line("A: 420.0 A of 400 A"), line("C: 401.0 A of 400 A")), T0.plusSeconds(1));

        assertThat(board.list()).extracting(Alarm::kind, Alarm::detail, Alarm::clearedAt).containsExactlyInAnyOrder(
                tuple(AlarmKind.LINE_OVERLOAD, "A: 420.0 A of 400 A", null),
                tuple(AlarmKind.LINE_OVERLOAD, "C: 401.0 A of 400 A", null));
        String lineA = board.list().stream().filter(a -> a.detail().startsWith("A:")).findFirst().orElseThrow().id();

        board.update(Set.of(line("C: 402.0 A of 400 A")), T0.plusSeconds(2));
        assertThat(board.list()).filteredOn(a -> a.id().equals(lineA)).singleElement()
                .extracting(Alarm::clearedAt).isEqualTo(T0.plusSeconds(2).toEpochMilli());
        assertThat(board.list()).filteredOn(a -> a.clearedAt() == null).extracting(Alarm::detail)
                .containsExactly("C: 402.0 A of 400 A");
        assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::kind, StoreEvent::message)
                    .containsExactly(tuple("alarm.raised", "LINE_OVERLOAD (A: 412.5 A of 400 A)"),
                            tuple("alarm.raised", "LINE_OVERLOAD (C: 401.0 A of 400 A)"),
                            tuple("alarm.cleared", "LINE_OVERLOAD (A: 420.0 A of 400 A)"));
        }
    }

    private static AlarmBoard.Condition line(String detail) {
        return new AlarmBoard.Condition(AlarmKind.LINE_OVERLOAD, "gw", detail);
    }

    /** Each meter failing often is its own {@code METER_UNRELIABLE}, its share following it, as its lead names it. */
    @Test
    void eachUnreliableMeterIsItsOwnAlarmItsShareFollowingIt() {
        AlarmBoard board = new AlarmBoard(store, () -> new Tick(0));
        Duration window = Duration.ofMinutes(10);
        board.update(UnreliableMeterAlarms.conditions(List.of(new FailureShare("tx", 600, 1200, window),
                new FailureShare("pm1", 7, 60, window)), "gw"), T0);
        board.update(UnreliableMeterAlarms.conditions(List.of(new FailureShare("tx", 61, 1200, window),
                new FailureShare("pm1", 7, 60, window)), "gw"), T0.plusSeconds(600));

        assertThat(board.list()).extracting(Alarm::kind, Alarm::subject, Alarm::detail, Alarm::clearedAt)
                .containsExactlyInAnyOrder(
                        tuple(AlarmKind.METER_UNRELIABLE, "gw", "tx: 61 of 1200 polls failed in 10 min", null),
                        tuple(AlarmKind.METER_UNRELIABLE, "gw", "pm1: 7 of 60 polls failed in 10 min", null));
        assertThat(board.list()).allSatisfy(a -> assertThat(a.on()).isEqualTo("gateway"));
    }
}
