package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.OverviewBuilder;

/**
 * A transformer meter that falls silent after a reading the cycle refused (no number, beyond the transformer) is stale:
 * its alarm is {@code METER_STALE}, naming its failing polls, not the refused reading's, which says the meter answers
 * (the cycle judges its last reading whatever its age; until read57e the page's alarm followed it: a meter silent for
 * 15 s still raised {@code METER_READS_NO_NUMBER}).
 */
@Timeout(180)
class WebMeterSilentAfterRefusedTest {
    private static final List<AlarmKind> METER = List.of(AlarmKind.METER_STALE, AlarmKind.METER_LACKS_LINE,
            AlarmKind.METER_FLOWS_BACK, AlarmKind.METER_BELOW_PILES, AlarmKind.METER_READS_IMPOSSIBLE,
            AlarmKind.METER_READS_NO_NUMBER);
    @TempDir
    Path dir;

    @Test
    void aMeterSilentAfterAReadingThatIsNoNumberIsStale() throws Exception {
        silentAfter(Double.NaN, AlarmKind.METER_READS_NO_NUMBER);
    }

    @Test
    void aMeterSilentAfterAnImpossibleReadingIsStale() throws Exception {
        silentAfter(1e9, AlarmKind.METER_READS_IMPOSSIBLE);
    }

    private void silentAfter(double householdKw, AlarmKind refused) throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            Gateway gateway = rig.live.gateway;
            OverviewBuilder overview = WebRig.overview(gateway);
            WebRig.await("the session open", Duration.ofSeconds(20), rig.live::everySessionOpen);
            rig.live.householdKw(householdKw);
            WebRig.await("conservative", Duration.ofSeconds(30), () -> gateway.loop().mode() == ControlMode.CONSERVATIVE);
            WebRig.await(refused + " while the meter answers", Duration.ofSeconds(30),
                    () -> standing(overview).stream().anyMatch(a -> a.kind() == refused));
            rig.live.meter.stop();
            WebRig.await("METER_STALE once the meter is silent", Duration.ofSeconds(60),
                    () -> standing(overview).stream().anyMatch(a -> a.kind() == AlarmKind.METER_STALE));
            assertThat(standing(overview)).as("the meter alarms standing, the meter silent")
                    .extracting(Alarm::kind).containsExactly(AlarmKind.METER_STALE);
            assertThat(overview.build().readingNotTaken()).as("the card's line of why, the meter silent").isNull();
        }
    }

    private static List<Alarm> standing(OverviewBuilder overview) {
        return overview.build().alarms().stream().filter(a -> a.clearedAt() == null && METER.contains(a.kind())).toList();
    }
}
