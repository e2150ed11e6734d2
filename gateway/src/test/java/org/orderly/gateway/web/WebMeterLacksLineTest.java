package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.OverviewBuilder;

/**
 * A transformer reading lacking a line its map reads, for longer than a reading may be old (a live gateway on 127.0.0.1,
 * a real Modbus TCP meter reading each line's current and power, and a real bridge): the meter answers, its total
 * comes, line B's current and power come as no number. The cycle runs conservatively ({@code CycleResult#linesMissing})
 * and the page raises {@code METER_LACKS_LINE} naming the quantity, not {@code METER_STALE}, whose text says no
 * readings come; until 2026-12-07 it raised that.
 */
@Timeout(90)
class WebMeterLacksLineTest {
    /** The meter's alarms, of the kinds a reading the cycle does not take raises. */
    private static final List<AlarmKind> METER = List.of(AlarmKind.METER_STALE, AlarmKind.METER_LACKS_LINE,
            AlarmKind.METER_FLOWS_BACK);

    @TempDir
    Path dir;

    @Test
    void aReadingLackingALineIsSaidSoNotStale() throws Exception {
        try (WebRig rig = WebRig.withLines(1, dir, new LiveRig.Lines(100, 10, 10, 10))) {
            Gateway gateway = rig.live.gateway;
            OverviewBuilder overview = WebRig.overview(gateway);
            WebRig.await("a cycle in normal mode", Duration.ofSeconds(30), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.mode() == ControlMode.NORMAL;
            });

            rig.live.loseLine('B');
            WebRig.await("a cycle taking the reading as none for the line it lacks", Duration.ofSeconds(30), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.linesMissing() != null;
            });
            assertThat(standing(overview)).as("the meter's alarms standing, the reading lacking line B")
                    .containsExactly(tuple(AlarmKind.METER_LACKS_LINE, "current.b.a"));

            rig.live.loseLine((char) 0);
            WebRig.await("a cycle taking the whole reading again", Duration.ofSeconds(30), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.linesMissing() == null && last.mode() == ControlMode.NORMAL;
            });
            assertThat(standing(overview)).as("the meter's alarms standing, the reading whole again").isEmpty();
        }
    }

    private static List<Tuple> standing(OverviewBuilder overview) {
        return overview.build().alarms().stream().filter(a -> a.clearedAt() == null && METER.contains(a.kind()))
                .map(a -> tuple(a.kind(), a.detail())).toList();
    }
}
