package org.orderly.gateway.web.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.field.modbus.PortUnavailable;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

/**
 * One alarm per cause, through the board as the page's looks update it: the transformer meter fallen silent is its
 * stale reading's alarm, naming the meter and its failed polls, never a {@code METER_UNRELIABLE} of its own, not even
 * in the moment between its poller finding it silent and the control finding its reading stale; a pile meter's silence
 * and a transformer meter failing often while it answers are {@code METER_UNRELIABLE} as before; a port that will not
 * open is the one alarm for the meters behind it. Until 2026-12-04 a silent transformer meter was two rows,
 * {@code METER_STALE} and {@code METER_UNRELIABLE}, and a shut port none.
 */
class FieldAlarmsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T19:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    @TempDir
    Path dir;
    private Store store;
    private AlarmBoard board;

    @BeforeEach
    void open() {
        store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC());
        board = new AlarmBoard(store, () -> new Tick(0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSilentTransformerMeterIsOneAlarmItsStaleReadingsNamingItsFailedPolls() {
        FailureShare silent = new FailureShare("tx", 3, 3, Duration.ofMillis(2300));
        // its third failed poll, 2.5 s after its last reading: the control does not find the reading stale yet
        look(0, tx(false, Duration.ofMillis(2500)), List.of(silent), List.of());
        assertThat(board.list()).as("raised now, it would be cleared at the next look").isEmpty();
        look(1, tx(true, Duration.ofMillis(3500)), List.of(silent), List.of());
        look(2, tx(true, Duration.ofMillis(4500)), List.of(silent), List.of());

        assertThat(board.list()).extracting(Alarm::kind, Alarm::detail, Alarm::clearedAt)
                .containsExactly(tuple(AlarmKind.METER_STALE, "tx: 3 of 3 polls failed in 1 min", null));

        // answered again: the reading fresh, the share gone
        look(3, tx(false, Duration.ofMillis(200)), List.of(), List.of());
        assertThat(board.list()).extracting(Alarm::kind).containsExactly(AlarmKind.METER_STALE);
        assertThat(board.list().get(0).clearedAt()).isNotNull();
    }

    @Test
    void aTransformerMeterFailingOftenThatStillAnswersAndAPileMetersSilenceAreTheirOwnAlarms() {
        look(0, tx(true, Duration.ofSeconds(5)), List.of(new FailureShare("tx", 600, 1200, WINDOW),
                new FailureShare("pm", 3, 3, Duration.ofSeconds(20))), List.of());

        assertThat(board.list()).extracting(Alarm::kind, Alarm::detail).containsExactlyInAnyOrder(
                tuple(AlarmKind.METER_STALE, null),
                tuple(AlarmKind.METER_UNRELIABLE, "tx: 600 of 1200 polls failed in 10 min"),
                tuple(AlarmKind.METER_UNRELIABLE, "pm: 3 of 3 polls failed in 1 min"));
    }

    /** A meter answering part of each poll (a block that times out): its reading comes, younger than its share. */
    @Test
    void aTransformerMeterFailingEveryPollButStillReadIsItsOwnAlarm() {
        look(0, tx(false, Duration.ofMillis(400)), List.of(new FailureShare("tx", 1200, 1200, WINDOW)), List.of());

        assertThat(board.list()).extracting(Alarm::kind, Alarm::detail)
                .containsExactly(tuple(AlarmKind.METER_UNRELIABLE, "tx: 1200 of 1200 polls failed in 10 min"));
    }

    @Test
    void aPortThatWillNotOpenIsTheOneAlarmForTheMetersBehindIt() {
        PortUnavailable shut = new PortUnavailable("room", "no serial port /dev/ttyUSB0: nothing is at that path",
                List.of("tx", "pm"));
        // pm's share from before the port shut says nothing of it now
        look(0, tx(true, Duration.ofSeconds(4)), List.of(new FailureShare("pm", 3, 3, Duration.ofSeconds(20)),
                new FailureShare("other", 3, 3, Duration.ofSeconds(20))), List.of(shut));

        assertThat(board.list()).extracting(Alarm::kind, Alarm::subject, Alarm::detail).containsExactlyInAnyOrder(
                tuple(AlarmKind.PORT_UNAVAILABLE, "gw", "room: no serial port /dev/ttyUSB0: nothing is at that path"),
                tuple(AlarmKind.METER_STALE, "gw", null),
                tuple(AlarmKind.METER_UNRELIABLE, "gw", "other: 3 of 3 polls failed in 1 min"));

        look(1, tx(false, Duration.ofMillis(100)), List.of(), List.of());
        assertThat(board.list()).allSatisfy(a -> assertThat(a.clearedAt()).isNotNull());
    }

    private void look(int second, FieldAlarms.TransformerMeter tx, List<FailureShare> shares, List<PortUnavailable> ports) {
        board.update(FieldAlarms.conditions(tx, shares, ports, "gw"), T0.plusSeconds(second));
    }

    private static FieldAlarms.TransformerMeter tx(boolean stale, Duration newestReading) {
        return new FieldAlarms.TransformerMeter("tx", stale, Optional.of(newestReading));
    }
}
