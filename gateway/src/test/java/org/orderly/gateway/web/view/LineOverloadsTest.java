package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.MeterLines;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.OverloadHysteresis;

/**
 * With {@code phaseLimitA}, a line over it for its hold ({@link OverloadHysteresis}) is an alarm on the gateway naming
 * the line, its current and the limit (as the transformer's total over {@code limitKw} is {@code OVERLOAD}); by the
 * line's current where the meter reads it, else by its power at the phase voltage. A line at its limit or under it, or
 * a transformer without a line limit, is none.
 */
class LineOverloadsTest {
    private static final Transformer LINE_LIMIT = new Transformer(400, 400, 220);

    @Test
    void aLineOverItsLimitByItsCurrentIsAnAlarmNamingTheLineItsCurrentAndTheLimit() {
        MeterView meter = MeterViews.of(fresh(), reading(Map.of("power.total.kw", 200.0,
                "current.a.a", 412.5, "current.b.a", 390.0, "current.c.a", 400.0,
                "power.a.kw", 80.0, "power.b.kw", 80.0, "power.c.kw", 80.0)), null, LINE_LIMIT, LineSource.CURRENT);

        assertThat(heldOver(meter)).containsExactly(
                new AlarmBoard.Condition(AlarmKind.LINE_OVERLOAD, "gw", "A: 412.5 A of 400 A"));
    }

    @Test
    void aLineOverItsLimitByItsPowerWhereOnlyPowersAreReadIsAnAlarmToo() {
        // 99 kW at 220 V: 450 A on line B.
        MeterView meter = MeterViews.of(fresh(), reading(Map.of("power.total.kw", 150.0,
                "power.a.kw", 30.0, "power.b.kw", 99.0, "power.c.kw", 21.0)), null, LINE_LIMIT, LineSource.POWER);

        assertThat(heldOver(meter)).containsExactly(
                new AlarmBoard.Condition(AlarmKind.LINE_OVERLOAD, "gw", "B: 450.0 A of 400 A"));
    }

    @Test
    void noLineLimitOrNoTrustedReadingIsNoLineAlarm() {
        Map<String, Double> heavy = Map.of("power.total.kw", 200.0, "current.a.a", 500.0, "current.b.a", 10.0,
                "current.c.a", 10.0);
        assertThat(heldOver(MeterViews.of(fresh(), reading(heavy), null, new Transformer(400, Double.NaN, 220),
                LineSource.CURRENT))).isEmpty();
        assertThat(heldOver(MeterViews.of(stale(), reading(heavy), null, LINE_LIMIT, LineSource.CURRENT))).isEmpty();
    }

    /**
     * The page takes each line's load where the control does ({@link LineSource}, decided from what the meter's map
     * reads): a map reading line A's current but not B's or C's gives every line by its power to the control, and so
     * to the page.
     */
    @Test
    void aMapReadingSomeLinesCurrentsGivesEachLineByItsPowerOnThePageAsToTheControl() {
        // Line A: 450 A by its current, 80 kW (363.6 A at 220 V) by its power.
        Map<String, Double> someCurrents = Map.of("power.total.kw", 150.0, "current.a.a", 450.0,
                "power.a.kw", 80.0, "power.b.kw", 35.0, "power.c.kw", 35.0);
        Reading r = reading(someCurrents);
        assertThat(LineSource.of(someCurrents.keySet()).lines(r::value, 220)).as("the control's lines")
                .isEqualTo(new MeterLines.Read(new LineLoads(80, 35, 35)));
        assertThat(heldOver(MeterViews.of(fresh(), r, null, LINE_LIMIT, LineSource.of(someCurrents.keySet()))))
                .as("line A by its power, as the control has it")
                .isEmpty();
    }

    /**
     * A map reading every line's current, and a reading that lacks line A's (a failed block) but has its power: the
     * control does not know line A from it, and the page does not take it by its power instead.
     */
    @Test
    void aLineCurrentTheReadingLacksIsNotTakenByItsPowerOnThePageAsNotByTheControl() {
        // Line A: 95 kW, 431.8 A at 220 V.
        Reading r = reading(Map.of("power.total.kw", 150.0, "current.b.a", 100.0, "current.c.a", 100.0,
                "power.a.kw", 95.0, "power.b.kw", 22.0, "power.c.kw", 22.0));
        assertThat(LineSource.CURRENT.lines(r::value, 220)).as("the control's lines")
                .isEqualTo(new MeterLines.Missing("current.a.a"));
        assertThat(heldOver(MeterViews.of(fresh(), r, null, LINE_LIMIT, LineSource.CURRENT)))
                .as("line A not known, as to the control")
                .isEmpty();
    }

    /** The conditions after the meter has read so for as long as a line a little over its limit is held. */
    private static Set<AlarmBoard.Condition> heldOver(MeterView meter) {
        OverloadHysteresis hysteresis = new OverloadHysteresis(WebConfig.DEFAULT_OVERLOAD_HOLD);
        Tick start = new Tick(5_000_000_000L);
        assertThat(LineOverloads.conditions(meter, "gw", hysteresis, start)).as("at once").isEmpty();
        return LineOverloads.conditions(meter, "gw", hysteresis, start.plus(hysteresis.slowHold()));
    }

    private static CycleResult fresh() {
        return cycle(200);
    }

    private static CycleResult stale() {
        return cycle(Double.NaN);
    }

    private static CycleResult cycle(double baseKw) {
        return CycleResultBuilder.result(new Allocation(new double[0], new int[0]),
                baseKw > 0 ? ControlMode.NORMAL : ControlMode.CONSERVATIVE, baseKw).build();
    }

    private static Reading reading(Map<String, Double> values) {
        return new Reading("transformer", values, Instant.parse("2026-12-02T09:00:00Z"), new Tick(0));
    }
}
