package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;

/**
 * A gateway on a box without a battery-backed clock, started after a power cut with its clock at 1970 (NTP not yet
 * reached), against real bridges and a real meter on 127.0.0.1: it does not plan by price on that clock, says so (the
 * mode's event, the page's alarm), and goes back to normal when NTP steps the clock to now.
 */
class GatewayClockNotSetTest {
    @TempDir
    Path dir;

    /**
     * The residents' habits are the sessions of the four weeks before the stop, not of the four weeks before 1970:
     * until 2026-12-03 a gateway started before NTP set its clock planned the whole run without them.
     */
    @Test
    void aGatewayStartedAt1970RemembersTheHabitsOfTheWeeksBeforeItsStop() throws Exception {
        Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC())) {
            store.session(new SessionRecord("p0@" + yesterday.getEpochSecond() + "-1", "p0", yesterday,
                    yesterday.plus(Duration.ofHours(9)), null, Double.NaN, 14.2, false));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        }
        SettableWallClock clock = new SettableWallClock();
        clock.set(Instant.EPOCH.plusSeconds(60));
        try (CapturedLog log = new CapturedLog(); LiveRig rig = LiveRig.withClock(2, dir, clock)) {
            assertThat(log.lines("habits: ")).as("what the start says it remembered").singleElement().asString()
                    .contains("habits: 1 session of the last 28 days remembered");
        }
    }

    @Test
    void aGatewayStartedAt1970RunsWithoutTheTimeOfDayUntilTheClockIsSet() throws Exception {
        Instant started = Instant.now();
        SettableWallClock clock = new SettableWallClock();
        clock.set(Instant.EPOCH.plusSeconds(60));
        try (LiveRig rig = LiveRig.withClock(2, dir, clock)) {
            AlarmBoard board = new AlarmBoard(rig.gateway.store(), rig.gateway.ticker());
            OverviewBuilder page = new OverviewBuilder(rig.gateway, clock, board, () -> new Today(0, 0, 0, 0),
                    Optional::empty);

            await("both cars held by the clock, the meter fresh", Duration.ofSeconds(15), () -> {
                CycleResult last = rig.gateway.loop().lastResult();
                return last != null && last.reasons().stream().allMatch(r -> r == PileReason.CLOCK_NOT_SET);
            });
            assertThat(rig.gateway.loop().mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
            await("the cars charge on the live room", Duration.ofSeconds(15), () -> rig.offeredKw() > 0);
            assertThat(active(page.build().alarms())).contains(AlarmKind.CLOCK_NOT_SET);

            clock.set(Instant.now());

            await("normal once NTP set the clock", Duration.ofSeconds(10),
                    () -> rig.gateway.loop().mode() == ControlMode.NORMAL);
            assertThat(active(page.build().alarms())).doesNotContain(AlarmKind.CLOCK_NOT_SET);

            assertThat(rig.gateway.store().flush(Duration.ofSeconds(10))).isTrue();
            List<StoreEvent> events;
            try (StoreReader reader = rig.gateway.store().reader()) {
                events = reader.events(Instant.EPOCH, Instant.now().plusSeconds(3600));
            }
            assertThat(events).filteredOn(e -> e.kind().equals(CycleRecorder.MODE_EVENT))
                    .extracting(StoreEvent::message)
                    .anySatisfy(m -> assertThat(m).startsWith("start -> clock_not_set: clock not set")
                            .contains("1970-01-01").contains("this build").contains("timedatectl"))
                    .anySatisfy(m -> assertThat(m).startsWith("clock_not_set -> normal: clock set"));

            // What was recorded while the clock said 1970 now carries the real time: the step, measured on the
            // gateway's monotonic ticker, added to it.
            Instant floor = BuildTime.floor().at();
            assertThat(events).as("events recorded while the clock was not set, corrected")
                    .allSatisfy(e -> assertThat(e.time()).isAfterOrEqualTo(floor));
            StoreEvent notSet = events.stream().filter(e -> e.message().startsWith("start -> clock_not_set"))
                    .findFirst().orElseThrow();
            assertThat(notSet.time()).isBetween(started.minusSeconds(1), Instant.now());
            try (StoreReader reader = rig.gateway.store().reader()) {
                // Not up to the floor: a reading's minute starts before the build's time when the test runs in the
                // minute Maven started, and a restamp moves by whole minutes.
                assertThat(reader.readings("compound", "ev.kw", Instant.EPOCH, started.minus(Duration.ofMinutes(2))))
                        .as("no reading left in 1970").isEmpty();
                assertThat(reader.readings("compound", "ev.kw", started.minusSeconds(60), Instant.now().plusSeconds(60)))
                        .as("the readings from while the clock was not set, at their real minutes").isNotEmpty();
                assertThat(reader.openSessions()).as("both cars' sessions").hasSize(2)
                        .allSatisfy(open -> assertThat(open.arrival()).isBetween(started.minusSeconds(1), Instant.now()));
            }
            List<String> ids = rig.gateway.loop().lastResult().plugged().stream().map(p -> p.id()).toList();
            assertThat(rig.gateway.loop().lastResult().plugged()).as("the sessions the control loop holds, corrected")
                    .allSatisfy(p -> assertThat(p.arrival()).isBetween(started.minusSeconds(1), Instant.now()));
            assertThat(ids).hasSize(2);
        }
    }

    private static List<AlarmKind> active(List<Alarm> alarms) {
        return alarms.stream().filter(a -> a.clearedAt() == null).map(Alarm::kind).toList();
    }
}
