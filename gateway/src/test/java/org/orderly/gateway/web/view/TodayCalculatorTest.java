package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.core.tariff.BeijingTariff;

/**
 * Today's figures from the store (the sessions that ended today or go on), and the uncontrolled counterfactual:
 * charged from arrival at full power.
 */
class TodayCalculatorTest {
    /** The gateway's control period, by which a minute's recorded cycles ({@code setpoint.a}) say what it covered. */
    private static final Duration CYCLE = Duration.ofSeconds(1);

    @Test
    void aCarArrivingAtThePeakWouldHavePaidThePeakPrice() {
        double cost = TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("18:30"), 14, 7);
        assertThat(cost).isCloseTo(14 * BeijingTariff.PEAK, within(1e-9));
    }

    @Test
    void chargingThatRunsIntoTheNextPeriodIsPricedInBoth() {
        double cost = TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("20:30"), 7, 7);
        assertThat(cost).isCloseTo(3.5 * BeijingTariff.PEAK + 3.5 * BeijingTariff.FLAT, within(1e-9));
    }

    /**
     * Tuesday 22:00 in Beijing. Today, a car arrived at 18:30 on P0 and the gateway let it charge 7 kW from 21:00 to
     * 22:00 (flat price); uncontrolled it would have charged the same 7 kWh at once, at the peak. A session that
     * ended yesterday and another pile's meter do not count.
     */
    @Test
    void todayIsTheStoredEnergyOfTodaysSessionsAgainstChargingAtArrival(@TempDir Path dir) throws Exception {
        VirtualClock clock = new VirtualClock(tuesday("22:00"), BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).pile("P1", Phase.A, null).build();
        Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock);
        try {
            store.session(new SessionRecord("P0@1", "P0", tuesday("18:30"), null, null, Double.NaN, 0, false));
            store.session(new SessionRecord("P1@0", "P1", tuesday("00:00").minusSeconds(3600),
                    tuesday("00:00").minusSeconds(1800), null, Double.NaN, 0, false));
            for (Instant t = tuesday("18:30"); t.isBefore(tuesday("22:00")); t = t.plusSeconds(30)) {
                boolean charging = !t.isBefore(tuesday("21:00"));
                store.sample(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
                store.sample(new Sample("pile-P1", "power.kw", t, 7.0));
            }
            store.sample(new Sample("pile-P0", "power.kw", tuesday("22:00"), 0.0));
            store.sample(new Sample("pile-P1", "power.kw", tuesday("22:00"), 0.0));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            chargedAtInsteadOfThePeak(today, 7, BeijingTariff.FLAT);
        } finally {
            store.close();
        }
    }

    /**
     * Wednesday 03:00. A car plugged in on Tuesday at 19:00 (the peak) waited for the valley and drew 7 kW from
     * midnight to 02:00; it is still plugged in. Its 14 kWh and what waiting saved are today's: the session goes on
     * today. Until 2026-12-01 only sessions that arrived since midnight counted, so the night's valley charging of
     * the evening's cars, the very saving of waiting, was in no day's figures (the demo showed ¥0.52 saved of ¥28.69).
     */
    @Test
    void aSessionThatArrivedYesterdayAndGoesOnTodayIsTodays(@TempDir Path dir) throws Exception {
        Instant midnight = at(TUESDAY.plusDays(1), "00:00");
        VirtualClock clock = new VirtualClock(at(TUESDAY.plusDays(1), "03:00"), BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).build();
        Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock);
        try {
            store.session(new SessionRecord("P0@1", "P0", tuesday("19:00"), null, null, Double.NaN, 0, false));
            for (Instant t = tuesday("19:00"); t.isBefore(clock.instant()); t = t.plusSeconds(30)) {
                boolean charging = !t.isBefore(midnight) && t.isBefore(midnight.plusSeconds(7200));
                store.sample(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
            }
            store.sample(new Sample("pile-P0", "power.kw", clock.instant(), 0.0));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            chargedAtInsteadOfThePeak(today, 14, BeijingTariff.VALLEY);
        } finally {
            store.close();
        }
    }

    /**
     * A car plugged in at 23:00:20.5 and drew 7 kW from 23:00:25 until it left at 23:10. The pile's meter read 0 before
     * it came, so the minute it came in is its own, as the minute it left is: 7 of that minute's 12 readings, then 9
     * whole minutes. Until 2026-12-03 the minute of arrival was left out unless the car came at its first second.
     */
    @Test
    void theMinuteACarCameInIsCounted(@TempDir Path dir) throws Exception {
        Instant arrival = tuesday("23:00").plusMillis(20_500);
        VirtualClock clock = new VirtualClock(tuesday("23:30"), BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).build();
        Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock);
        try {
            store.session(new SessionRecord("P0@1", "P0", arrival, tuesday("23:10"), null, Double.NaN, 0, false));
            for (Instant t = tuesday("22:55"); t.isBefore(tuesday("23:30")); t = t.plusSeconds(5)) {
                boolean charging = t.isAfter(arrival) && t.isBefore(tuesday("23:10"));
                store.sample(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
            }
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            assertThat(today.evKwh()).isCloseTo(7.0 * 7 / 12 / 60 + 9 * 7.0 / 60, within(1e-9));
        } finally {
            store.close();
        }
    }

    /**
     * A car plugged in at 22:50 drew 7 kW while its pile was heard, 22:50-22:55 and 23:05-23:10; in between the pile
     * was silent (no minutes recorded: offline), and its counter, heard again, says 1.2 kWh more than the minutes
     * heard. Those 1.2 kWh are spread evenly over the ten silent minutes, half at the flat price before 23:00, half at
     * the valley's after. Until 2026-12-03 the silent minutes held the pile's last report; with none recorded they
     * would count nothing.
     */
    @Test
    void aSilenceIsWhatThePilesCounterSaysBeyondTheMinutesHeardPricedAtItsMinutes(@TempDir Path dir)
            throws Exception {
        VirtualClock clock = new VirtualClock(tuesday("23:30"), BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).build();
        Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock);
        try {
            double heardKWh = 10 * 7.0 / 60;
            store.session(new SessionRecord("P0@1", "P0", tuesday("22:50"), tuesday("23:10"), null, Double.NaN,
                    heardKWh + 1.2, false, true, tuesday("23:09:55"), heardKWh + 1.2));
            for (Instant t = tuesday("22:45"); t.isBefore(tuesday("23:30")); t = t.plusSeconds(5)) {
                boolean silent = !t.isBefore(tuesday("22:55")) && t.isBefore(tuesday("23:05"));
                boolean charging = !t.isBefore(tuesday("22:50")) && t.isBefore(tuesday("23:10"));
                if (!silent) {
                    store.sample(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
                }
            }
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            assertThat(today.evKwh()).as("the pile's counter").isCloseTo(heardKWh + 1.2, within(1e-9));
            assertThat(today.costYuan()).isCloseTo((heardKWh / 2 + 0.6) * BeijingTariff.FLAT
                    + (heardKWh / 2 + 0.6) * BeijingTariff.VALLEY, within(1e-9));
        } finally {
            store.close();
        }
    }

    /**
     * The same silence on a pile whose counter says no more than the minutes heard (a Modbus pile whose map has no
     * energy register reads 0): the silent minutes count nothing, not a counter below what was heard.
     */
    @Test
    void aCounterNoHigherThanTheMinutesHeardAddsNothing(@TempDir Path dir) throws Exception {
        VirtualClock clock = new VirtualClock(tuesday("23:30"), BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).build();
        Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock);
        try {
            store.session(new SessionRecord("P0@1", "P0", tuesday("22:50"), tuesday("23:10"), null, Double.NaN,
                    0, false, true, tuesday("23:09:55"), 0));
            for (Instant t = tuesday("22:45"); t.isBefore(tuesday("23:30")); t = t.plusSeconds(5)) {
                boolean silent = !t.isBefore(tuesday("22:55")) && t.isBefore(tuesday("23:05"));
                boolean charging = !t.isBefore(tuesday("22:50")) && t.isBefore(tuesday("23:10"));
                if (!silent) {
                    store.sample(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
                }
            }
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            assertThat(today.evKwh()).as("the minutes heard").isCloseTo(10 * 7.0 / 60, within(1e-9));
        } finally {
            store.close();
        }
    }

    /**
     * A gateway started at 21:58:53 (the walk-through's `./orderly demo`, 2026-12-04): its first cycle found a car
     * plugged in on P0, probed it at 7 kW for three cycles (21:58:54-56) and the plan then held it for the valley. The
     * cycles recorded 7 currents in that minute and the pile's reports a mean of 3 kW: 7 s of charging at that mean, 3 s
     * at 7 kW, 0.0058 kWh. Until 2026-12-04 the minute counted whole at its mean, 0.05 kWh, tenfold what the pile
     * counted (the page said 今日 0.6 kWh where the 24 piles' counters said 0.055).
     */
    @Test
    void aGatewaysFirstSecondsInAMinuteAreNotTheWholeMinute(@TempDir Path dir) throws Exception {
        Instant start = tuesday("21:58").plusSeconds(53);
        List<Sample> cycles = new ArrayList<>();
        for (Instant t = start; t.isBefore(tuesday("22:01")); t = t.plusSeconds(1)) {
            boolean probed = t.isAfter(start) && t.isBefore(start.plusSeconds(4));
            cycles.add(new Sample("pile-P0", "setpoint.a", t, probed ? 32.0 : 0.0));
            cycles.add(new Sample("pile-P0", "power.kw", t, probed ? 7.0 : 0.0));
        }
        // Its first row, written at the first cycle: the pile's count since then, 0.
        SessionRecord firstRow = new SessionRecord("P0@1", "P0", start, null, null, Double.NaN, 0, false, true, start, 0);

        Today today = todayFrom(dir, tuesday("22:01").plusSeconds(10), firstRow, cycles);
        assertThat(today.evKwh()).as("3 s at 7 kW").isCloseTo(7.0 * 3 / 3600, within(1e-9));
        assertThat(today.costYuan()).isCloseTo(7.0 * 3 / 3600 * BeijingTariff.FLAT, within(1e-9));
    }

    /**
     * A gateway's first start at 21:00:30 with a car plugged in on P0 at 20:59, 90 s before, at the peak: its first row
     * says the pile's counter, 0.1 kWh, and no stored minute has seen the car draw yet. Its cost is that energy at its
     * minutes' price; what it would have cost uncontrolled, at the most its car drew, is not known (at the peak's price
     * or the flat's), nor the saving. Until 2026-12-05 the uncontrolled cost counted that energy at no power, 0, and
     * the saving was the cost below nothing: the page said in amber that control had cost ¥0.05 more.
     */
    @Test
    void energyNoMinuteSawDrawnHasNoSavingYet(@TempDir Path dir) throws Exception {
        Instant start = tuesday("21:00").plusSeconds(30);
        Today today = todayFrom(dir, start.plusSeconds(20), pluggedInBeforeTheStart(tuesday("20:59"), start),
                cyclesGivingNothing(start));
        assertThat(today.evKwh()).as("the pile's counter").isCloseTo(0.1, within(1e-9));
        assertThat(today.costYuan()).as("its minutes' price").isGreaterThan(0);
        assertThat(today.uncontrolledCostYuan()).as("at what power it would have come is not known").isNull();
        assertThat(today.savingYuan()).as("not a saving below nothing").isNull();
        assertThat(today.leftOut()).as("the session the saving cannot compare").extracting(LeftOutSession::session)
                .containsExactly("P0@1");
    }

    /**
     * The same at 22:00:30, the car come at 21:59, all in the flat price: however fast it would have charged
     * uncontrolled, it would have had its 0.1 kWh by now, at the flat price, as it did. So it is compared at its own
     * cost, a saving of nothing, and not left out. Until 2026-12-05 it was left out, the page saying 节省未计入 1 次充电
     * … 未测得其充电功率 for up to a minute after every car came in (on the demo, for most of each minute).
     */
    @Test
    void aCarComeUnderOnePriceIsComparedAtItsOwnCostBeforeAMinuteSawItDraw(@TempDir Path dir) throws Exception {
        Instant start = tuesday("22:00").plusSeconds(30);
        Today today = todayFrom(dir, start.plusSeconds(20), pluggedInBeforeTheStart(tuesday("21:59"), start),
                cyclesGivingNothing(start));
        assertThat(today.leftOut()).as("nothing left out").isEmpty();
        assertThat(today.comparedKwh()).as("the pile's counter").isCloseTo(0.1, within(1e-9));
        assertThat(today.costYuan()).isCloseTo(0.1 * BeijingTariff.FLAT, within(1e-9));
        assertThat(today.uncontrolledCostYuan()).isNotNull();
        assertThat(today.uncontrolledCostYuan()).isCloseTo(0.1 * BeijingTariff.FLAT, within(1e-9));
        assertThat(today.savingYuan()).isCloseTo(0, within(1e-9));
    }

    /**
     * Tuesday 23:00:30. P0's car came at 18:30 (the peak) and the gateway let it draw 7 kW from 21:00 to 21:50 (flat):
     * its minutes stored. P1's car came at 21:30, its pile silent all its session, into the valley: its counter says 2
     * kWh as of 21:59:30, no minute saw its draw, and when in its stay (flat, then valley) it would have had it
     * uncontrolled is not known. The saving is P0's, what its energy would have cost at the peak less what it cost, and
     * says P1's session is left out; today's energy and cost count both, P1's energy at its silent minutes' price, not
     * free. Until 2026-12-05 P1 made the saving not known for the whole day.
     */
    @Test
    void aSessionNoMinuteSawDrawIsLeftOutOfTheSavingNotTheWholeDay(@TempDir Path dir) throws Exception {
        VirtualClock clock = new VirtualClock(tuesday("23:00").plusSeconds(30), BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).pile("P1", Phase.B, null).build();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock)) {
            store.session(withoutCounter(tuesday("18:30"), tuesday("21:50")));
            store.session(new SessionRecord("P1@2", "P1", tuesday("21:30"), null, null, Double.NaN, 2.0, false, true,
                    tuesday("21:59").plusSeconds(30), 2.0));
            for (Instant t = tuesday("18:30"); t.isBefore(tuesday("22:00")); t = t.plusSeconds(30)) {
                boolean charging = !t.isBefore(tuesday("21:00")) && t.isBefore(tuesday("21:50"));
                store.sample(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
            }
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            double p0 = 7.0 * 50 / 60;
            assertThat(today.evKwh()).as("both sessions").isCloseTo(p0 + 2.0, within(1e-9));
            assertThat(today.costYuan()).isCloseTo((p0 + 2.0) * BeijingTariff.FLAT, within(1e-9));
            assertThat(today.savingYuan()).as("P0's saving").isNotNull();
            assertThat(today.savingYuan()).isCloseTo(p0 * (BeijingTariff.PEAK - BeijingTariff.FLAT), within(1e-9));
            assertThat(today.uncontrolledCostYuan()).isCloseTo(p0 * BeijingTariff.PEAK, within(1e-9));
            assertThat(today.comparedKwh()).isCloseTo(p0, within(1e-9));
            assertThat(today.comparedCostYuan()).isCloseTo(p0 * BeijingTariff.FLAT, within(1e-9));
            assertThat(today.leftOut()).extracting(LeftOutSession::session, LeftOutSession::pile)
                    .containsExactly(tuple("P1@2", "P1"));
            assertThat(today.leftOut().get(0).kwh()).as("P1's counter").isCloseTo(2.0, within(1e-9));
        }
    }

    /**
     * The same car a minute later, a stored minute having seen it draw 7 kW: the saving compares the same energy, all
     * the counter's and the minute's, charged uncontrolled from 21:59 at 7 kW.
     */
    @Test
    void onceAMinuteSawTheCarDrawTheSavingComparesTheSameEnergy(@TempDir Path dir) throws Exception {
        SessionRecord row = pluggedInBeforeTheStart(tuesday("22:00").plusSeconds(30));
        List<Sample> samples = new ArrayList<>();
        for (Instant t = tuesday("22:01"); t.isBefore(tuesday("22:02").plusSeconds(10)); t = t.plusSeconds(1)) {
            samples.add(new Sample("pile-P0", "setpoint.a", t, 32.0));
            samples.add(new Sample("pile-P0", "power.kw", t, 7.0));
        }

        Today today = todayFrom(dir, tuesday("22:02").plusSeconds(20), row, samples);
        assertThat(today.uncontrolledCostYuan()).isNotNull();
        assertThat(today.uncontrolledCostYuan()).isCloseTo(TodayCalculator.uncontrolledCost(BeijingTariff.tariff(),
                tuesday("21:59"), today.evKwh(), 7.0), within(1e-9));
        assertThat(today.savingYuan()).isCloseTo(today.uncontrolledCostYuan() - today.costYuan(), within(1e-9));
    }

    /**
     * A car on P0 from 22:50 to 23:10 whose pile's minutes say 7 kW throughout (2.33 kWh) while its counter says it took
     * 2 kWh up to its last sighting: today's is what the pile counted, spread over the minutes as they were heard, half
     * at the flat price, half at the valley's. Until 2026-12-04 a counter below the minutes heard counted for nothing.
     */
    @Test
    void theMinutesHeardCountNoMoreThanThePilesCounterSays(@TempDir Path dir) throws Exception {
        List<Sample> reports = new ArrayList<>();
        for (Instant t = tuesday("22:45"); t.isBefore(tuesday("23:30")); t = t.plusSeconds(5)) {
            boolean charging = !t.isBefore(tuesday("22:50")) && t.isBefore(tuesday("23:10"));
            reports.add(new Sample("pile-P0", "power.kw", t, charging ? 7.0 : 0.0));
        }
        SessionRecord ended = new SessionRecord("P0@1", "P0", tuesday("22:50"), tuesday("23:10"), null, Double.NaN,
                2.0, false, true, tuesday("23:09:55"), 2.0);

        Today today = todayFrom(dir, tuesday("23:30"), ended, reports);
        assertThat(today.evKwh()).as("the pile's counter").isCloseTo(2.0, within(1e-9));
        assertThat(today.costYuan()).isCloseTo(BeijingTariff.FLAT + BeijingTariff.VALLEY, within(1e-9));
    }

    /**
     * A firmware-bridge reports when its car's draw changes: 7 kW at 22:00:00, then the car drew 7 kW for 55 s, and its
     * draw fell to 0 with three reports in the minute's last 5 s (22:00:55, :57, :59), then one at 22:01:30 as its car
     * left, and at 22:02:00; the control cycles ran throughout. The minute is 55 s at 7 kW, what the pile's counter
     * says. Until 2026-12-04 a minute's mean was the mean of its reports, 1.75 kW of the four, and today said a quarter
     * of it.
     */
    @Test
    void aPileThatReportsOnChangeCountsTheTimeItsDrawHeld(@TempDir Path dir) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (Instant t = tuesday("22:00"); t.isBefore(tuesday("22:02")); t = t.plusSeconds(1)) {
            samples.add(new Sample("pile-P0", "setpoint.a", t, 32.0));
        }
        samples.add(new Sample("pile-P0", "power.kw", tuesday("22:00"), 7.0));
        for (String at : List.of("22:00:55", "22:00:57", "22:00:59", "22:01:30", "22:02:00")) {
            samples.add(new Sample("pile-P0", "power.kw", tuesday(at), 0.0));
        }
        double counted = 7.0 * 55 / 3600;
        SessionRecord ended = new SessionRecord("P0@1", "P0", tuesday("22:00"), tuesday("22:01:30"), null, Double.NaN,
                counted, false, true, tuesday("22:01:30"), counted);

        Today today = todayFrom(dir, tuesday("22:02:10"), ended, samples);
        assertThat(today.evKwh()).as("55 s at 7 kW").isCloseTo(counted, within(1e-9));
    }

    /**
     * A car on P0 drawing 7 kW since 22:00 goes on; the store holds its minutes up to 22:05 (0.7 kWh), and today is
     * computed at 22:06:13. Its row is rewritten once a minute: last at 22:05:10 (0.603 kWh on the counter), today is
     * the minutes stored, as the counter says nothing of the 50 s its car drew after it in that minute; at 22:06:10
     * (0.719 kWh), the counter, whose minute is not stored yet. Until 2026-12-04 the 22:05 minute was scaled down to a
     * counter as of 22:05:10 whole: 0.603, and today fell by what its car drew in those 50 s whenever the row's rewrite
     * came just after the computation (the 24-pile `./orderly demo` of 2026-12-04 said 8.12 kWh today at 16:59:13, its
     * rows' counters as of 16:58:11, where the piles' counters had said 9.16 at the end of the last minute stored).
     */
    @Test
    void aRowWrittenEarlierInItsMinuteDoesNotTakeBackWhatItsCarDrewAfter(@TempDir Path dir) throws Exception {
        Instant now = tuesday("22:06").plusSeconds(13);
        // Its reports up to now: the one at 22:06:00 closes the 22:05 minute, the 22:06 one is not over.
        List<Sample> reports = new ArrayList<>();
        for (Instant t = tuesday("22:00"); t.isBefore(now); t = t.plusSeconds(5)) {
            reports.add(new Sample("pile-P0", "power.kw", t, 7.0));
        }
        double stored = 7.0 * 6 / 60;
        double price = BeijingTariff.tariff().priceAt(tuesday("22:00"));
        for (int seenAtSecond : new int[] {5 * 60 + 10, 6 * 60 + 10}) {
            Instant seen = tuesday("22:00").plusSeconds(seenAtSecond);
            double counter = 7.0 * seenAtSecond / 3600;
            SessionRecord going = new SessionRecord("P0@1", "P0", tuesday("22:00"), null, null, Double.NaN, counter,
                    false, true, seen, counter);

            Today today = todayFrom(Files.createDirectories(dir.resolve("seen-" + seenAtSecond)), now, going, reports);
            double expected = Math.max(stored, counter);
            assertThat(today.evKwh()).as("row last written at %s: the minutes stored, or the counter when newer", seen)
                    .isCloseTo(expected, within(1e-9));
            assertThat(today.costYuan()).isCloseTo(expected * price, within(1e-9));
        }
    }

    /**
     * P0's pile reported 6 kW at 22:00:00 and then fell silent: its report holds 20 s of the minute (here its hold, as
     * the pile offline's), while the control cycles ran on and recorded its current all 60 s. The stored minute says it
     * covers 20 s ({@code readings.covered_ms}), and its mean is over those: 20 s at 6 kW. Until 2026-12-04 the page
     * counted the minute's cycles times the period instead, 60 s: 0.1 kWh, three times what the pile's reports say.
     */
    @Test
    void aMinuteCoveredTwentySecondsCountsTwentySecondsWhateverTheCyclesRecorded(@TempDir Path dir) throws Exception {
        List<Sample> samples = cyclesEvery(1, tuesday("22:00"), tuesday("22:02"));
        samples.add(new Sample("pile-P0", "power.kw", tuesday("22:00"), 6.0, Duration.ofSeconds(20)));
        samples.add(new Sample("pile-P0", "power.kw", tuesday("22:01:30"), 0.0));

        Today today = todayFrom(dir, tuesday("22:05"), withoutCounter(tuesday("22:00"), tuesday("22:01:40")), samples);
        assertThat(today.evKwh()).as("20 s at 6 kW").isCloseTo(6.0 * 20 / 3600, within(1e-9));
    }

    /**
     * A gateway ran with a 2-s control period until 21:30 and then with 1 s: P0's car drew 7 kW from 21:00 to
     * 21:02, reported every 5 s, the cycles recording its current 30 times a minute. Each minute stored says it covers
     * all 60 s, and counts whole. Until 2026-12-04 the page counted 30 cycles times the present period, 1 s: half of
     * each minute.
     */
    @Test
    void aCyclePeriodChangedSinceDoesNotChangeWhatTheMinutesBeforeCount(@TempDir Path dir) throws Exception {
        List<Sample> samples = cyclesEvery(2, tuesday("21:00"), tuesday("21:03"));
        for (Instant t = tuesday("21:00"); !t.isAfter(tuesday("21:03")); t = t.plusSeconds(5)) {
            samples.add(new Sample("pile-P0", "power.kw", t, t.isBefore(tuesday("21:02")) ? 7.0 : 0.0));
        }

        Today today = todayFrom(dir, tuesday("21:35"), withoutCounter(tuesday("21:00"), tuesday("21:02:30")), samples);
        assertThat(today.evKwh()).as("2 min at 7 kW").isCloseTo(7.0 * 2 / 60, within(1e-9));
    }

    /**
     * A car plugged in on P0 at 22:00:30 and drew 7 kW from then on; its pile, a Modbus one reporting every 5 s, read 0
     * before. Its resident declared a departure at 22:00:45, which wrote its row again: 0.029 kWh on the counter,
     * the 15 s its car had drawn. The 22:00 minute holds 30 s at 7 kW, half of them before that sighting: the counter
     * bounds that half and agrees with it. Until 2026-12-04 the part before the sighting was spread over the whole
     * minute, three quarters of it, and brought down to the counter: today said 0.044 kWh of the 0.058 its car drew.
     */
    @Test
    void theMinuteACarCameInIsBoundedFromItsArrivalNotFromTheMinutesStart(@TempDir Path dir) throws Exception {
        Instant arrival = tuesday("22:00").plusSeconds(30);
        Instant now = tuesday("22:01").plusSeconds(10);
        List<Sample> reports = new ArrayList<>();
        for (Instant t = tuesday("21:59"); t.isBefore(now); t = t.plusSeconds(5)) {
            reports.add(new Sample("pile-P0", "power.kw", t, t.isBefore(arrival) ? 0.0 : 7.0));
        }
        Instant declared = arrival.plusSeconds(15);
        double counter = 7.0 * 15 / 3600;
        SessionRecord going = new SessionRecord("P0@1", "P0", arrival, null, tuesday("23:30"), Double.NaN, counter,
                false, true, declared, counter);

        Today today = todayFrom(dir, now, going, reports);
        assertThat(today.evKwh()).as("30 s at 7 kW in the 22:00 minute").isCloseTo(7.0 * 30 / 3600, within(1e-9));
    }

    /**
     * One car left P0 at 21:05:20 and the next came in at 21:05:40: the pile's 21:05 minute, its mean 7 kW over all 60
     * s, is the two cars' draw together, 0.117 kWh, and the minute is in both sessions' minutes (the first's last, the
     * second's first). Until 2026-12-04 each counted it whole and today said 0.233. Now it is split between them by the
     * time each was there in it, 20 s and 20 s, and counts once.
     */
    @Test
    void aMinuteTwoCarsSharedOnAPileCountsOnce(@TempDir Path dir) throws Exception {
        Today today = todayOfASwap(dir, tuesday("21:05"), tuesday("21:06:30"));
        assertThat(today.evKwh()).as("the 21:05 minute once: 60 s at 7 kW").isCloseTo(7.0 / 60, within(1e-9));
    }

    /**
     * The car before left at 23:59:20, yesterday's, and today's came in at 23:59:40: the 23:59 minute is still split,
     * today's session counting its 20 s of the 40 the two cars were there.
     */
    @Test
    void aMinuteSharedWithYesterdaysLastCarCountsTodaysPart(@TempDir Path dir) throws Exception {
        Today today = todayOfASwap(dir, tuesday("23:59"), tuesday("23:59").plusSeconds(120));
        assertThat(today.evKwh()).as("today's car's half of the 23:59 minute").isCloseTo(7.0 / 60 / 2, within(1e-9));
    }

    /**
     * Today at {@code now} when one car, in since 2 hours before, left P0 at second 20 of {@code minute} and the next
     * came in at second 40 and goes on; the pile's mean over that minute was 7 kW over all 60 s, 0 after.
     */
    private static Today todayOfASwap(Path dir, Instant minute, Instant now) throws Exception {
        SessionRecord leaving = new SessionRecord("P0@1", "P0", minute.minus(Duration.ofHours(2)),
                minute.plusSeconds(20), null, Double.NaN, Double.NaN, false);
        SessionRecord arriving = new SessionRecord("P0@2", "P0", minute.plusSeconds(40), null, null, Double.NaN,
                Double.NaN, false);
        List<Sample> samples = List.of(new Sample("pile-P0", "power.kw", minute, 7.0, Duration.ofSeconds(60)),
                new Sample("pile-P0", "power.kw", minute.plusSeconds(60), 0.0));
        return todayFrom(dir, now, List.of(leaving, arriving), samples);
    }

    /**
     * A car charging since 21:00 on a pile that measures neither its draw nor its energy (a Modbus map without a power
     * or an energy register: no minute stored, a row whose counter is not known), beside one on P1 a stored minute saw
     * draw 7 kW for an hour. P0's car is in no figure and named: its draw was the households' (their upper bound), and
     * what it took is not known. Until 2026-12-06 it counted 0 kWh unsaid, and the saving covered "every session".
     */
    @Test
    void aSessionWhosePileMeasuresNeitherDrawNorEnergyIsNamedNotCountedAsNothing(@TempDir Path dir) throws Exception {
        Instant now = tuesday("22:00");
        VirtualClock clock = new VirtualClock(now, BeijingTariff.ZONE);
        Compound compound = compound().pile("P0", Phase.A, null).pile("P1", Phase.B, null).build();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock)) {
            store.session(new SessionRecord("P0@1", "P0", tuesday("21:00"), null, null, Double.NaN, Double.NaN, false,
                    true, tuesday("21:59:30"), Double.NaN));
            store.session(new SessionRecord("P1@1", "P1", tuesday("21:00"), null, null, Double.NaN, 7.0, false,
                    true, tuesday("21:59:30"), 7.0));
            for (Instant t = tuesday("21:00"); t.isBefore(now); t = t.plusSeconds(5)) {
                store.sample(new Sample("pile-P1", "power.kw", t, 7.0));
            }
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock, CYCLE).compute();
            assertThat(today.notCounted()).as("P0's session, whose energy nothing says")
                    .containsExactly(new UncountedSession("P0@1", "P0"));
            assertThat(today.evKwh()).as("P1's hour at 7 kW").isCloseTo(7, within(1e-6));
            assertThat(today.leftOut()).isEmpty();
        }
    }

    /**
     * The same pile's car in for 90 s: no whole minute has passed since it came, in which a pile that measures would have
     * been heard, so its energy so far (none heard) is not said unknown.
     */
    @Test
    void aCarInForLessThanAWholeMinuteIsNotSaidUncounted(@TempDir Path dir) throws Exception {
        Today today = todayFrom(dir, tuesday("21:01:30"), new SessionRecord("P0@1", "P0", tuesday("21:00:10"), null, null,
                Double.NaN, Double.NaN, false, true, tuesday("21:00:10"), Double.NaN), List.of());
        assertThat(today.notCounted()).isEmpty();
    }

    /** P0's current as the control cycles record it, every {@code seconds} from {@code from} until {@code until}. */
    private static List<Sample> cyclesEvery(int seconds, Instant from, Instant until) {
        List<Sample> cycles = new ArrayList<>();
        for (Instant t = from; t.isBefore(until); t = t.plusSeconds(seconds)) {
            cycles.add(new Sample("pile-P0", "setpoint.a", t, 32.0));
        }
        return cycles;
    }

    /** A cycle each second for 20 s from {@code start} giving P0 nothing: its car not seen to draw. */
    private static List<Sample> cyclesGivingNothing(Instant start) {
        List<Sample> cycles = new ArrayList<>();
        for (Instant t = start; t.isBefore(start.plusSeconds(20)); t = t.plusSeconds(1)) {
            cycles.add(new Sample("pile-P0", "setpoint.a", t, 0.0));
        }
        return cycles;
    }

    /** The first row of a car plugged in on P0 at 21:59, seen at the gateway's start with 0.1 kWh on its counter. */
    private static SessionRecord pluggedInBeforeTheStart(Instant start) {
        return pluggedInBeforeTheStart(tuesday("21:59"), start);
    }

    /**
     * The first row of a car plugged in on P0 at {@code in}, seen at the gateway's start with 0.1 kWh on its counter.
     */
    private static SessionRecord pluggedInBeforeTheStart(Instant in, Instant start) {
        return new SessionRecord("P0@1", "P0", in, null, null, Double.NaN, 0.1, false, true, start, 0.1);
    }

    /** An ended session on P0 whose row keeps no counter (as before 2026-12-01): its minutes heard are all there is. */
    private static SessionRecord withoutCounter(Instant arrival, Instant departure) {
        return new SessionRecord("P0@1", "P0", arrival, departure, null, Double.NaN, Double.NaN, false);
    }

    /** Today at {@code now} on a one-pile compound (P0) whose store holds {@code row} and {@code samples}. */
    private static Today todayFrom(Path dir, Instant now, SessionRecord row, List<Sample> samples) throws Exception {
        return todayFrom(dir, now, List.of(row), samples);
    }

    /** Today at {@code now} on a one-pile compound (P0) whose store holds {@code rows} and {@code samples}. */
    private static Today todayFrom(Path dir, Instant now, List<SessionRecord> rows, List<Sample> samples)
            throws Exception {
        VirtualClock clock = new VirtualClock(now, BeijingTariff.ZONE);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), clock)) {
            rows.forEach(store::session);
            samples.forEach(store::sample);
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            return new TodayCalculator(store, compound().pile("P0", Phase.A, null).build(), BeijingTariff.tariff(),
                    clock, CYCLE).compute();
        }
    }

    @Test
    void nothingDeliveredOrNoPowerSeenCostsNothing() {
        assertThat(TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("20:30"), 0, 7)).isZero();
        assertThat(TodayCalculator.uncontrolledCost(BeijingTariff.tariff(), tuesday("20:30"), 5, 0)).isZero();
    }

    /** {@code kwh} charged at {@code price} a kWh, which uncontrolled would all have been at the peak's. */
    private static void chargedAtInsteadOfThePeak(Today today, double kwh, double price) {
        assertThat(today.evKwh()).isCloseTo(kwh, within(1e-9));
        assertThat(today.costYuan()).isCloseTo(kwh * price, within(1e-9));
        assertThat(today.uncontrolledCostYuan()).isCloseTo(kwh * BeijingTariff.PEAK, within(1e-9));
        assertThat(today.savingYuan()).isCloseTo(kwh * (BeijingTariff.PEAK - price), within(1e-9));
    }
}
