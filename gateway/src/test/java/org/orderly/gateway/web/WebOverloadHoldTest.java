package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.PageAlarms.active;
import static org.orderly.gateway.web.PageAlarms.alarms;
import static org.orderly.gateway.web.PageAlarms.overview;
import static org.orderly.gateway.web.PageAlarms.signedIn;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;

/**
 * A transformer or a line held at its limit while the households' load flickers about it (live gateway on 127.0.0.1,
 * real bridge and Modbus TCP meter): the page's overload alarm, once raised, stands through the flicker rather than
 * being raised and cleared at every crossing, which flooded the alarms and the events (until 2026-12-02 it had no
 * hold). Held by the control at its limit or under it for a while, it clears; a load a little over its limit for good
 * is still an alarm, once that has lasted.
 */
@Timeout(240)
class WebOverloadHoldTest {
    /** Over the 40 kW transformer, or the 40 A line, by less than a tenth, and under it by less than a fiftieth. */
    private static final double JUST_OVER = 1.02;
    private static final double JUST_UNDER = 0.985;
    /**
     * The overloads' hold (web.overloadHoldS) here: 3 s rather than the gateway's 10, every time in the hysteresis
     * scaled with it (raised after 3 s far over or 9 s a little over, cleared after 9 s of the control at work;
     * OverloadHysteresisTest pins the 10 s figures' edges). A flip of 1 s is still well within the control's time.
     */
    private static final Duration HOLD = Duration.ofSeconds(3);
    /** Six flips of a second: shorter than the clear hold, so a standing alarm must still stand after them. */
    private static final int FLIPS = 6;

    @TempDir
    Path dir;

    @Test
    void aTransformerFlickeringAboutItsLimitIsOneOverloadAlarm() throws Exception {
        // One price all day, as the line's test has: the car charges now, not at a cheaper hour later, so the pile
        // has a current to be cut (until 2026-12-05 the peak's price kept it at 0 kW and the cut checked nothing).
        try (WebRig rig = WebRig.onePrice(1, dir, HOLD)) {
            ApiClient api = signedIn(rig);
            WebRig.await("the pile seen", Duration.ofSeconds(10), () -> overview(api).get("plugged").asInt() == 1);
            WebRig.await("the car charging", Duration.ofSeconds(20), () -> rig.live.evKw() > 0);

            rig.live.householdKw(46);
            WebRig.await("the overload on the page", Duration.ofSeconds(25),
                    () -> active(api, "OVERLOAD", "gw-test").isPresent());
            flicker(rig.live::householdKw, 40);

            assertThat(events(rig, "OVERLOAD")).as("alarm.raised and alarm.cleared events while the load flickered "
                    + "about the limit").containsExactly("alarm.raised");
            assertThat(alarms(api, "OVERLOAD")).as("one alarm, standing").singleElement()
                    .satisfies(a -> assertThat(a.get("clearedAt").isNull()).isTrue());

            backUnderThenJustOverForGood(rig, api, "OVERLOAD", null, rig.live::householdKw,
                    () -> rig.live.householdKw() + rig.live.evKw(), 40);
        }
    }

    @Test
    void aLineFlickeringAboutItsLimitIsOneLineOverloadAlarm() throws Exception {
        // Line A's households draw 45 A of its 40 A; 12.1 kW in all, of 40 kW.
        try (WebRig rig = WebRig.withLines(1, dir, new LiveRig.Lines(40, 45, 5, 5), HOLD)) {
            ApiClient api = signedIn(rig);
            WebRig.await("line A's overload on the page", Duration.ofSeconds(30),
                    () -> active(api, "LINE_OVERLOAD", "gw-test").isPresent());
            flicker(amps -> rig.live.householdAmps('A', amps), 40);

            assertThat(events(rig, "LINE_OVERLOAD")).as("alarm.raised and alarm.cleared events while line A flickered "
                    + "about its limit").containsExactly("alarm.raised");
            assertThat(alarms(api, "LINE_OVERLOAD")).as("one alarm, standing, its current the latest over the limit")
                    .singleElement().satisfies(a -> {
                        assertThat(a.get("clearedAt").isNull()).isTrue();
                        assertThat(a.get("detail").asText()).isEqualTo("A: 40.8 A of 40 A");
                    });
            assertThat(alarms(api, "OVERLOAD")).as("the total is far under").isEmpty();

            backUnderThenJustOverForGood(rig, api, "LINE_OVERLOAD", "A: 41.2 A of 40 A",
                    amps -> rig.live.householdAmps('A', amps), () -> rig.live.lineAmps('A'), 40);
        }
    }

    /** The households' load just over the limit and just under it, by turns, a second each. */
    private static void flicker(DoubleConsumer households, double limit) throws InterruptedException {
        for (int i = 0; i < FLIPS; i++) {
            households.accept(limit * (i % 2 == 0 ? JUST_UNDER : JUST_OVER));
            Thread.sleep(1000);
        }
    }

    /**
     * Half the limit (the pile then takes what room there is, charging again) clears the alarm, within its clear hold
     * and some slack. Then, the pile cut by a load just under the limit, a load 3 % over it for good raises it once
     * that has lasted its hold (three times {@link #HOLD}): not within the first two, by some slack after.
     * {@code reading} is what the meter reads against that limit (the households and the pile).
     */
    private static void backUnderThenJustOverForGood(WebRig rig, ApiClient api, String kind, String detail,
                                                     DoubleConsumer households, DoubleSupplier reading, double limit)
            throws Exception {
        households.accept(limit / 2);
        WebRig.await(kind + " cleared, the load the control's again", HOLD.multipliedBy(3).plusSeconds(20),
                () -> active(api, kind, "gw-test").isEmpty());
        // Stopped by the overload before it was raised, the car starts again once its settle time is out (30 s after
        // the stop, docs/scheduler.md "A car cut by an overload"): within that of the clear, with slack for a plan on
        // the planning thread, the next cycle and the bridge's report on a loaded machine. Until 2026-12-05 a plan made
        // in the overload (a quarter hour in it) held the car "for its turn" to the next quarter hour: "not within
        // PT20S: the pile charging in the room half the limit leaves" in a fresh-clone CI run.
        WebRig.await("the pile charging in the room half the limit leaves",
                rig.live.gateway.policy().settings().settle().plusSeconds(10), () -> rig.live.evKw() > 0);
        households.accept(limit * JUST_UNDER);
        // The pile paused, its minimum not fitting in what is left: the step below is then the households' alone, a
        // little over the limit, not the pile's current on top (far over, raised after one hold).
        WebRig.await("the pile cut to fit under the limit, the households just under it", Duration.ofSeconds(20),
                () -> reading.getAsDouble() <= limit);
        // Timed from before the step: a test thread held up after it cannot make the hold look shorter than it was.
        long start = System.nanoTime();
        households.accept(limit * 1.03);
        WebRig.await(kind + " raised again, a little over the limit for good", HOLD.multipliedBy(3).plusSeconds(20),
                () -> active(api, kind, "gw-test").isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not raised before its hold")
                .isGreaterThan(HOLD.multipliedBy(2));
        if (detail != null) {
            assertThat(active(api, kind, "gw-test").orElseThrow().get("detail").asText()).isEqualTo(detail);
        }
        assertThat(alarms(api, kind)).hasSize(2);
    }

    /** The kinds of the store's alarm events on alarms of {@code alarm}, in order. */
    private static List<String> events(WebRig rig, String alarm) throws InterruptedException {
        assertThat(rig.live.gateway.store().flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader r = rig.live.gateway.store().reader()) {
            return r.events(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                    .filter(e -> e.kind().startsWith("alarm.") && alarm.equals(e.args().get("alarm")))
                    .map(StoreEvent::kind).toList();
        }
    }
}
