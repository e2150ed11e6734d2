package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;

/**
 * The demo's traffic has a residential compound's shape: cars come in the evening and leave in the morning, wanting
 * what a commute takes, the same for the same seed. Until 2026-12-05 cars came and went at any hour after about 17
 * minutes, so none could wait for the night valley and the demo's saving was always ¥0.
 */
class VehicleTrafficTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int PILES = 24;

    /** What happened at one bay: an arrival (with its energy) or a departure, at a world time. */
    record Event(int bay, boolean arrival, double kwh, Declaration declared, Instant at) {
    }

    /** Bays that write down what the traffic does to them, at the world time the test has moved it to. */
    static final class Recorder {
        final List<Event> events = new ArrayList<>();
        Instant now;
        final List<VehicleTraffic.Bay> bays = new ArrayList<>();

        Recorder() {
            for (int i = 0; i < PILES; i++) {
                int bay = i;
                bays.add(new VehicleTraffic.Bay() {
                    @Override
                    public void arrive(double needKwh, Declaration declared) {
                        events.add(new Event(bay, true, needKwh, declared, now));
                    }

                    @Override
                    public void leave() {
                        events.add(new Event(bay, false, 0, Declaration.NONE, now));
                    }
                });
            }
        }
    }

    /** A week of traffic from a Monday noon, moved on a minute at a time (a wall second at --speed 60). */
    private static List<Event> week(long seed) {
        Recorder r = new Recorder();
        Instant start = LocalDateTime.of(2026, 11, 30, 12, 0).atZone(SHANGHAI).toInstant();
        r.now = start;
        VehicleTraffic traffic = new VehicleTraffic(r.bays, seed, SHANGHAI);
        traffic.start(start);
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(7))); t = t.plusSeconds(60)) {
            r.now = t.plusSeconds(60);
            traffic.step(r.now);
        }
        return r.events;
    }

    private static int hour(Event e) {
        return e.at().atZone(SHANGHAI).getHour();
    }

    @Test
    void carsComeInTheEveningAndLeaveInTheMorning() {
        List<Event> events = week(42).stream().filter(e -> e.at().isAfter(
                LocalDateTime.of(2026, 11, 30, 12, 0).atZone(SHANGHAI).toInstant())).toList();
        List<Event> arrivals = events.stream().filter(Event::arrival).toList();
        List<Event> departures = events.stream().filter(e -> !e.arrival()).toList();
        // About one car a pile a day: the old traffic made some 24 a pile a day, each staying about 17 minutes.
        assertThat(arrivals.size()).as("arrivals in a week at %d piles", PILES).isBetween(PILES * 5, PILES * 12);
        long evening = arrivals.stream().filter(e -> hour(e) >= 17 && hour(e) < 22).count();
        assertThat((double) evening / arrivals.size()).as("share of arrivals from 17:00 to 22:00 (%d of %d)", evening,
                arrivals.size()).isGreaterThan(0.6);
        long morning = departures.stream().filter(e -> hour(e) >= 7 && hour(e) < 9).count();
        assertThat((double) morning / departures.size()).as("share of departures from 07:00 to 09:00 (%d of %d)",
                morning, departures.size()).isGreaterThan(0.5);
        assertThat(arrivals).as("each car wants 5 to 30 kWh")
                .allSatisfy(e -> assertThat(e.kwh()).isBetween(5.0, 30.0));
        long declaring = arrivals.stream().filter(e -> e.declared().hasDeparture() && e.declared().hasEnergy()).count();
        assertThat((double) declaring / arrivals.size()).as("share of residents declaring departure and energy")
                .isBetween(0.35, 0.65);
        assertThat(arrivals).filteredOn(e -> e.declared().hasEnergy()).as("a declared energy is the car's, to the kWh")
                .allSatisfy(e -> assertThat(Math.abs(e.declared().energyKWh() - e.kwh())).isLessThanOrEqualTo(0.5));
    }

    @Test
    void theSameSeedGivesTheSameTrafficAnotherSeedOther() {
        assertThat(week(42)).isEqualTo(week(42));
        assertThat(week(43)).isNotEqualTo(week(42));
    }

    @Test
    void aDemoStartedInTheEveningFindsTheGarageFullerThanOneStartedAtNoonAndNeverEmpty() {
        assertThat(carsAtStart(LocalDateTime.of(2026, 12, 1, 23, 0)))
                .as("cars plugged in at a start at 23:00").isGreaterThanOrEqualTo(PILES / 2);
        for (int h = 0; h < 24; h++) {
            int cars = carsAtStart(LocalDateTime.of(2026, 12, 1, h, 0));
            assertThat(cars).as("cars plugged in at a start at %02d:00", h).isPositive();
        }
        assertThat(carsAtStart(LocalDateTime.of(2026, 12, 1, 13, 0)))
                .isLessThan(carsAtStart(LocalDateTime.of(2026, 12, 1, 23, 0)));
    }

    @Test
    void aCarFoundAtTheStartIsNeverGivenADepartureAlreadyPast() {
        // A declared departure is the quarter hour before the car leaves; a demo started in a car's last quarter hour
        // handed the gateway a departure already past (until 2026-12-06: p12's 13:15 on the page at 13:22, finish 14:30).
        int past = 0;
        int declared = 0;
        for (int m = 0; m < 24 * 60; m += 5) {
            Recorder r = new Recorder();
            r.now = LocalDateTime.of(2026, 12, 1, 0, 0).plusMinutes(m).atZone(SHANGHAI).toInstant();
            new VehicleTraffic(r.bays, m, SHANGHAI).start(r.now);
            for (Event e : r.events) {
                if (e.declared().hasDeparture()) {
                    declared++;
                    if (!e.declared().departure().isAfter(r.now)) {
                        past++;
                    }
                }
            }
        }
        assertThat(declared).as("declared departures at the starts").isPositive();
        assertThat(past).as("declared departures already past at the start, of %d", declared).isZero();
    }

    private static int carsAtStart(LocalDateTime local) {
        Recorder r = new Recorder();
        r.now = local.atZone(SHANGHAI).toInstant();
        new VehicleTraffic(r.bays, 42, SHANGHAI).start(r.now);
        return (int) r.events.stream().filter(Event::arrival).count();
    }
}
