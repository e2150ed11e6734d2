package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.OverviewBuilder;

/**
 * A transformer reading the control cycle refuses while the meter answers (a live gateway on 127.0.0.1, a real Modbus
 * TCP meter and real bridges): a total below what the piles alone draw, for longer than a reading may be old, a total
 * beyond what the transformer can carry, and a total that is no number. Each raises the alarm that says it, with what
 * to check (the meter's CTs, its register map and CT ratio), not {@code METER_STALE}, whose text says no readings come
 * and to check the meter's link; until 2026-12-07 each raised that. The card's meter status and its line of why say the
 * same cause, judged once with the alarm ({@code ReadingNotTaken.why}), the status STALE (the values a page open since
 * before then knows); until later on 2026-12-07 the card had no line of why for a total that is no number.
 */
@Timeout(120)
class WebMeterReadingRefusedTest {
    /** The transformer meter's alarms, of the kinds a reading the cycle does not take raises. */
    private static final List<AlarmKind> METER = List.of(AlarmKind.METER_STALE, AlarmKind.METER_LACKS_LINE,
            AlarmKind.METER_FLOWS_BACK, AlarmKind.METER_BELOW_PILES, AlarmKind.METER_READS_IMPOSSIBLE,
            AlarmKind.METER_READS_NO_NUMBER);
    private static final int PILES = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aReadingRefusedWhileTheMeterAnswersRaisesTheAlarmThatSaysWhy() throws Exception {
        try (WebRig rig = new WebRig(PILES, dir)) {
            Gateway gateway = rig.live.gateway;
            OverviewBuilder overview = WebRig.overview(gateway);
            WebRig.await("every bridge leased and every session open", Duration.ofSeconds(20), rig.live::everySessionOpen);
            Instant departure = Instant.now().plus(Duration.ofHours(1));
            for (int i = 0; i < PILES; i++) {
                gateway.loop().declare(i, new Declaration(departure, 40));
            }
            // The cars draw well above the safe power (6 kW): a total a thousandth of the load is below them.
            WebRig.await("cars drawing", Duration.ofSeconds(30), () -> rig.live.evKw() > 8);

            rig.live.totalReads(0.001);
            WebRig.await("a conservative cycle, the reading below the piles", Duration.ofSeconds(30), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.mode() == ControlMode.CONSERVATIVE && last.belowPiles() != null;
            });
            assertThat(standing(overview)).as("the meter's alarms standing, the total below the piles' draw")
                    .containsExactly(tuple(AlarmKind.METER_BELOW_PILES, null));
            assertThat(card(overview)).as("the card, the total below the piles' draw")
                    .isEqualTo(tuple("STALE", "BELOW_PILES"));

            rig.live.totalReads(1);
            WebRig.await("normal again", Duration.ofSeconds(30), () -> gateway.loop().mode() == ControlMode.NORMAL);
            assertThat(standing(overview)).as("the meter's alarms standing, the total plausible again").isEmpty();

            // A gigawatt of households: a total no transformer can carry (a map of the wrong type or scale).
            double households = rig.live.householdKw();
            rig.live.householdKw(1e9);
            WebRig.await("a conservative cycle, the reading impossible", Duration.ofSeconds(30), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.mode() == ControlMode.CONSERVATIVE && last.impossible() != null;
            });
            assertThat(standing(overview)).as("the meter's alarms standing, the total beyond the transformer")
                    .containsExactly(tuple(AlarmKind.METER_READS_IMPOSSIBLE, "power.total.kw"));
            assertThat(card(overview)).as("the card, the total beyond the transformer")
                    .isEqualTo(tuple("STALE", "IMPOSSIBLE"));

            rig.live.householdKw(households);
            WebRig.await("normal again", Duration.ofSeconds(30), () -> gateway.loop().mode() == ControlMode.NORMAL);
            assertThat(standing(overview)).as("the meter's alarms standing, the total possible again").isEmpty();

            // A total that is no number (a float register of the wrong type or word order reads NaN).
            rig.live.householdKw(Double.NaN);
            WebRig.await("a conservative cycle, the total no number", Duration.ofSeconds(30), () -> {
                CycleSeen last = gateway.loop().lastCycle();
                return last != null && last.result().mode() == ControlMode.CONSERVATIVE && last.transformer() != null
                        && Double.isNaN(last.transformer().totalKw());
            });
            assertThat(standing(overview)).as("the meter's alarms standing, the total no number")
                    .containsExactly(tuple(AlarmKind.METER_READS_NO_NUMBER, null));
            assertThat(card(overview)).as("the card, the total no number")
                    .isEqualTo(tuple("STALE", "NO_NUMBER"));

            rig.live.householdKw(households);
            WebRig.await("normal again", Duration.ofSeconds(30), () -> gateway.loop().mode() == ControlMode.NORMAL);
            assertThat(standing(overview)).as("the meter's alarms standing, the total a number again").isEmpty();
            assertThat(card(overview)).as("the card, the total a number again")
                    .isEqualTo(tuple("FRESH", null));
        }
    }

    /**
     * The card's meter status and its line of why, as the overview's JSON says them: what the alarm says, not "stale"
     * (until 2026-12-07 STALE and no cause, or null), the status one a page open since before then knows (STALE; for a
     * few hours on 2026-12-07 NOT_TAKEN, which such a page did not grey).
     */
    private static Tuple card(OverviewBuilder overview) {
        JsonNode o = JSON.valueToTree(overview.build());
        JsonNode why = o.path("readingNotTaken");
        return tuple(o.path("meter").path("status").asText(), why.isNull() ? null : why.asText());
    }

    private static List<Tuple> standing(OverviewBuilder overview) {
        return overview.build().alarms().stream().filter(a -> a.clearedAt() == null && METER.contains(a.kind()))
                .map(a -> tuple(a.kind(), a.detail())).toList();
    }
}
