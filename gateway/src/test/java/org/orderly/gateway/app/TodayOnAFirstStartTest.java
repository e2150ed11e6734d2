package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.web.view.Today;

/**
 * Today's saving in a gateway's first minutes on a fresh store, as the gateway records them: control cycles recorded
 * into a real store, read back by the page's {@code TodayCalculator} ({@link RecordedCycles}). The gateway starts on Tuesday at 21:10 with
 * P1's car drawing 7 kW since 21:09:30; P2's car comes at 21:11:10 and draws 7 kW. At 21:11:50 the 21:10 minute is stored,
 * having seen P1's car draw, and P2's row has been written again at its pile's moment of the minute (21:11:30) with
 * what its counter says, its own first minute not yet over.
 *
 * <p>Since 2026-12-05 the car just plugged in, its energy known from its pile's counter only, is compared at its own
 * cost (one price held since it came: uncontrolled it would have cost the same); before, it was listed as left out of
 * the saving for up to a minute after every arrival, and before that it made the whole compound's saving not known:
 * on a first start of the demo, whose cars keep coming in, the page said 节省尚未可知 for over two minutes with 13 to
 * 15 cars charging. Each newly plugged-in car did it again for up to a minute, a restart on the same store too.
 */
class TodayOnAFirstStartTest {
    private static final Instant START = tuesday("21:10");
    private static final Instant P2_IN = START.plusSeconds(70);

    @TempDir
    Path dir;

    @Test
    void aCarPluggedInLessThanAMinuteAgoAtOnePriceIsComparedNotLeftOut() throws Exception {
        try (RecordedCycles rig = new RecordedCycles(dir, START, BeijingTariff.ZONE, TimeScale.REAL, 2)) {
            // P1's counter at the start: the 30 s its car drew before the gateway came up.
            double p1 = 7.0 * 30 / 3600;
            double p2 = 0;
            for (int s = 0; s <= 110; s += 5) {
                Instant now = START.plusSeconds(s);
                boolean p2In = !now.isBefore(P2_IN);
                rig.cycle(now, new TransformerReading(30, now, Duration.ZERO), List.of(
                        observation(0, true, 7, p1, now).pluggedAt(Optional.of(START.minusSeconds(30))).build(),
                        observation(1, p2In, p2In ? 7 : 0, p2, now).pluggedAt(p2In ? Optional.of(P2_IN) : Optional.empty()).build()));
                // What each car takes until the next cycle, as its pile's meter counts it.
                p1 += 7.0 * 5 / 3600;
                p2 += p2In ? 7.0 * 5 / 3600 : 0;
            }

            Today today = rig.today();
            // P2's car, no minute of it stored yet, came in at the flat price and has drawn at it since: uncontrolled
            // it would have had its energy in that time too, at that price. It is compared at its own cost.
            assertThat(today.leftOut()).as("no car left out of the saving").isEmpty();
            assertThat(today.comparedKwh()).as("both cars' energy").isCloseTo(today.evKwh(), within(1e-9));
            assertThat(today.evKwh()).as("P1's energy and P2's").isGreaterThan(7.0 / 60 + 7.0 * 20 / 3600);
            assertThat(today.savingYuan()).as("P1's saving, its car seen drawing in the 21:10 minute").isNotNull();
            // Both cars came in and charged at the flat price, as they would have uncontrolled.
            assertThat(today.uncontrolledCostYuan()).isCloseTo(today.evKwh() * BeijingTariff.FLAT, within(1e-9));
            assertThat(today.savingYuan()).isCloseTo(today.uncontrolledCostYuan() - today.comparedCostYuan(),
                    within(1e-9));
        }
    }
}
