package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.CyclesUnderCaps.Seen;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The grid company's test of honesty: the whole gateway (a real Modbus TCP transformer meter that reads each line,
 * three real firmware-bridges with urgent cars, one on each line) reports to a real Mosquitto, and the grid acts on
 * what it reports. Counted in the gateway's control cycles where the contract speaks of cycles
 * (docs/upstream.md, "cmd/cap": a cap is applied at the next cycle).
 *
 * <ol>
 *   <li>A cap announced a few seconds ahead: telemetry's {@code limitKw} stays the transformer's until it starts, a
 *       plan published at once already keeps the slot it falls in under it, no cycle from its start offers above it,
 *       and at its end the piles are offered their current again at once (increases are not ramped).</li>
 *   <li>A cap at {@code transformerKw - flex.shedKw}, "shed all the EV load you said you could", effective now: accepted,
 *       kept from the next cycle on (nothing offered), the next telemetry says it as {@code limitKw} with nothing
 *       left to shed.</li>
 *   <li>A cap that leaves room, in force once the one before ends: while the cars the shed stopped wait out their
 *       settle time, {@code flex.addKw} says nothing can be added (the gateway will not start them, whatever the
 *       room); once it is over it says the room, and the EV load rises by no more than that; no line goes over its
 *       limit.</li>
 *   <li>The meter falls silent under that cap: the stale cycles do not know the households, who may load all the
 *       transformer's limit but the safe EV power, so they offer the cars only what the cap leaves beside those (here
 *       nothing), not the whole safe power; telemetry says the cap as {@code limitKw}, and no room to add.</li>
 * </ol>
 */
@Timeout(150)
class GridCapHonestyLiveTest {
    private static final double LINE_LIMIT_A = 40;
    /** The households' current on lines A, B and C; p0 is on A, p1 on B, p2 on C. */
    private static final double[] HOUSEHOLD_A = {30, 5, 5};
    private static final double HOUSEHOLD_KW = (30 + 5 + 5) * 0.22;
    private static final double EPS = 0.05;
    /** The limiter's setpoint step ({@code Limiter}'s resolution): offers are rounded down to it. */
    private static final double OFFER_STEP_A = 0.1;
    /** What a limit or the room said is held to: the meter's float registers, not the piles' tenths of an ampere. */
    private static final double TIGHT = 0.005;
    /** How many runs of alike cycles a failure says, the last ones: about a minute of cycles where they change often. */
    private static final int RUNS_SAID = 80;

    @TempDir
    Path dir;

    @Test
    void whatTheGatewayReportsHoldsWhenTheGridCapsItByIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), "gw-test");
             LiveRig rig = LiveRig.withLines(3, dir, new LiveRig.Lines(LINE_LIMIT_A, HOUSEHOLD_A[0], HOUSEHOLD_A[1],
                     HOUSEHOLD_A[2]), LiveRig.upstreamEveryQuarterSecond(broker.url()))) {
            CyclesUnderCaps cycles = new CyclesUnderCaps(rig.gateway.loop());
            await("every bridge leased and every session open", Duration.ofSeconds(15), rig::everySessionOpen);
            Instant departure = Instant.now().plus(Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                rig.gateway.loop().declare(i, new Declaration(departure, 40));
            }
            double[] uncapped = {LINE_LIMIT_A - HOUSEHOLD_A[0], 32, 32};
            // The event is the gateway's: its last cycle offered these, from a fresh reading, and the cars draw them.
            // Not the bridges' offers held for a while: on a loaded machine a cycle whose meter read timed out offers
            // the safe power in between, and a hold counted in milliseconds starts again at each.
            Await.until("the last cycle offering p0 what line A leaves (10 A), p1 and p2 their most, every car drawing"
                    + " its offer", Duration.ofSeconds(20), () -> lastOffered(cycles, uncapped) && offersAre(rig, uncapped));
            // Commands are taken once the grid has seen "online" (docs/upstream.md, "cmd/..."): the 1 s hold this wait
            // replaced had given the link that time, and without it the first cap's reply did not come (4 of 6 runs).
            grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"), 20_000);

            announcedCapIsPlannedAndKept(rig, grid, cycles, uncapped);
            Instant shedAt = shedAllIsKeptFromTheNextCycle(rig, grid, cycles);
            theRoomSaidIsTheRoomTaken(rig, grid, cycles, shedAt);
            aStaleReadingKeepsToTheCap(rig, grid, cycles);

            eachTelemetrySaysTheLimitItsCycleKeptTo(grid, cycles);
            for (Seen s : cycles.all()) {
                assertThat(s.offeredKw()).as("%s: within its limit", s).isLessThanOrEqualTo(room(s) + TIGHT);
                for (int line = 0; line < 3; line++) {
                    assertThat(HOUSEHOLD_A[line] + s.amps()[line]).as("%s: line %s", s, "ABC".charAt(line))
                            .isLessThanOrEqualTo(LINE_LIMIT_A + EPS);
                }
            }
            assertThat(rig.gateway.loop().failures()).isZero();
        }
    }

    /** A cap announced ahead: planned for, kept from its start, and lifted at its end. */
    private void announcedCapIsPlannedAndKept(LiveRig rig, GridSide grid, CyclesUnderCaps cycles, double[] uncapped)
            throws Exception {
        // Room for 8 A on each pile: each keeps charging (6 A is its least), so nothing waits out a settle time.
        double capKw = round(HOUSEHOLD_KW + 3 * 8 * 0.22);
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
        Instant to = from.plusSeconds(5);
        Instant sent = Instant.now();
        assertThat(cap(grid, "ahead", from, to, capKw).path("status").asText()).isEqualTo("accepted");

        // The plan made by a cycle that had the cap: one published after the request was sent may have been made by a
        // cycle that read the caps before this one was stored (seen at load average 36: the slot planned 23.98 kW).
        await("a cycle with the announced cap", Duration.ofSeconds(5), () -> !cycles.where(s -> s.has("ahead")).isEmpty());
        Instant capSeen = cycles.where(s -> s.has("ahead")).get(0).at();
        JsonNode plan = grid.await(r -> r.topic().endsWith("/plan")
                && !Instant.parse(r.json().path("createdAt").asText()).isBefore(capSeen), 10_000).json();
        // When the plan was made, not when this thread got it: MQTT's delivery and this thread's turn are no part of it.
        assertThat(Instant.parse(plan.path("createdAt").asText())).as("the plan is made before the cap starts: %s", plan)
                .isBefore(from);
        for (JsonNode slot : plan.path("slots")) {
            if (Instant.parse(slot.path("start").asText()).isBefore(to)
                    && from.isBefore(Instant.parse(slot.path("end").asText()))) {
                assertThat(slot.path("baseKw").asDouble() + slot.path("evKw").asDouble())
                        .as("the plan's slot %s, which the announced %.2f kW cap falls in", slot, capKw)
                        .isLessThanOrEqualTo(capKw + EPS);
            }
        }

        // A cycle at or after the cap's end: the time until the end is the clock's, however busy the machine; only the
        // cycle after it is the gateway's, given the 10 s this test gives a plan. Until 2026-12-06 20 s from here, when
        // the end alone is 8 to 10 s away.
        await("the announced cap over", Duration.between(Instant.now(), to).plusSeconds(10),
                () -> cycles.all().stream().anyMatch(s -> !s.at().isBefore(to)));
        // Its room as it knew the households: a cycle is no more sure to have read the meter than the one before it.
        Seen firstIn = cycles.where(s -> !s.at().isBefore(from)).get(0);
        assertThat(firstIn.offeredKw()).as("%s: the first cycle from the cap's start keeps to it", firstIn)
                .isLessThanOrEqualTo(room(firstIn) + EPS);
        for (JsonNode t : telemetry(grid)) {
            Instant ts = Instant.parse(t.path("ts").asText());
            if (ts.isAfter(sent) && ts.isBefore(from)) {
                assertThat(t.path("limitKw").asDouble()).as("telemetry before the cap starts: %s", t)
                        .isEqualTo(LiveRig.LIMIT_KW);
            }
        }
        assertThat(telemetry(grid)).as("telemetry saying the announced cap")
                .anyMatch(t -> t.path("limitKw").asDouble() == capKw);

        // Its end: increases are not ramped (docs/scheduler.md, "The Limiter"), so the piles get their current back.
        // Counted from the first cycle after it that knew the households (a fresh reading: on a loaded machine, or
        // after a timed-out read, the meter's poll comes cycles late) and whose cars might start: a cycle without a
        // fresh reading offers what the safe power leaves under the cap (nothing here), and a car stopped so waits out
        // its settle time. Until 2026-12-06 counted from the end's first cycle, which a silent meter failed.
        Duration settle = rig.gateway.policy().settings().settle();
        awaitOffersBack(rig, cycles, uncapped, from, sent, to, settle);
        // The bridges' offers and the cycles' are held to one tolerance: until 2026-12-07 this took the cycles' to EPS
        // while the wait above took the bridges' to a step below, and a p0 of 9.9 A after the cap failed here without
        // a word (stop 61's CI: "Index 0 out of bounds for length 0").
        Seen backAt = cycles.where(s -> !s.at().isBefore(to) && offered(s, uncapped)).stream().findFirst()
                .orElseThrow(() -> new AssertionError("the bridges were offered their current back, but no cycle from"
                        + " the cap's end offered it; seen: " + seenSince(cycles, from, rig)));
        Instant mayStart = mayStartAgain(cycles.where(s -> s.at().isAfter(sent) && !s.at().isAfter(backAt.at())), to,
                settle);
        // Back before then (the policy's settle time ended sooner than the slack allows for): none counted.
        Seen firstAfter = cycles.where(s -> !s.at().isBefore(mayStart) && !Double.isNaN(s.baseKw())
                && s.number() <= backAt.number()).stream().findFirst().orElse(backAt);
        System.out.printf("GridCapHonestyLiveTest: announced cap %.2f kW from %s to %s; offered %.2f kW in its first"
                        + " cycle; back to %.2f kW %d cycles after its end%n", capKw, from, to, firstIn.offeredKw(),
                backAt.offeredKw(), backAt.number() - firstAfter.number());
        assertThat(backAt.number() - firstAfter.number()).as("cycles after the cap's end until the offers are back")
                .isLessThanOrEqualTo(1);
        grid.await(r -> r.topic().endsWith("/telemetry") && Instant.parse(r.json().path("ts").asText()).isAfter(to)
                && r.json().path("limitKw").asDouble() == LiveRig.LIMIT_KW, 5_000);
    }

    /** Shed all the EV load the telemetry said could be shed, from now. Returns the cycle's time that shed it. */
    private Instant shedAllIsKeptFromTheNextCycle(LiveRig rig, GridSide grid, CyclesUnderCaps cycles)
            throws Exception {
        Instant after = Instant.now();
        // A telemetry message sampled once the cars draw their current again after the announced cap, from a cycle
        // that read the meter: one that had no fresh reading says no transformer's load (null) to take the shed from.
        // Any such message: its transformerKw and flex.shedKw are of one moment (the shed no more than the piles drew in
        // the reading), so the cap stops every car and leaves the households their load. Until 2026-12-07 the shed was
        // what the piles drew now, against a reading up to staleAfter old: one from before the cars drew their current
        // again made a cap below the households, once rejected as "limitKw -7.4"
        // (TelemetryCalculatorReadingBeforeTheRiseTest).
        JsonNode t0 = grid.await(r -> r.topic().endsWith("/telemetry")
                && Instant.parse(r.json().path("ts").asText()).isAfter(after.plusMillis(500))
                && r.json().path("evKw").asDouble() > 10 && read(r.json()), 10_000).json();
        double capKw = round(t0.path("transformerKw").asDouble() - t0.path("flex").path("shedKw").asDouble());
        Instant now = Instant.now();
        long before = cycles.last();
        JsonNode reply = cap(grid, "shed-all", now.minusSeconds(5), now.plusSeconds(12), capKw);
        long answeredAt = cycles.last();
        assertThat(reply.path("status").asText()).as("%s", reply).isEqualTo("accepted");
        // Its meet is of now (telemetry's flex.leastKw): every car follows its offer, so the least is the households as
        // the cycle took them, its baseKw, exactly. transformerKw - flex.shedKw, what the reply said until 2026-12-07, is
        // that only while the reading holds every car's draw as it is now; this rig cannot place a reply in the window
        // where it does not (the meter's poll and the bridges' reports keep their own time), and it has no car that does
        // not follow, so no figure here tells the two apart (TelemetryCalculatorLeastFromTheCycleTest does). The cap is
        // rounded to 0.01 kW and the households may hold a following car's ampere above its offer (FollowHold), which
        // transformerKw - flex.shedKw need not: meetable is judged by the reply's own leastKw, not taken as true.
        JsonNode meet = reply.path("meet");
        double leastKw = meet.path("leastKw").asDouble();
        assertThat(leastKw).as("%s: the households as the cycle took them", reply)
                .isCloseTo(meet.path("baseKw").asDouble(), within(1e-6));
        assertThat(leastKw).as("%s: the households alone", reply).isCloseTo(HOUSEHOLD_KW, within(0.25));
        assertThat(meet.path("meetable").asBoolean()).as("%s", reply).isEqualTo(leastKw <= capKw);
        assertThat(leastKw).as("%s: at most a following car's ampere above its offer over the cap, each", reply)
                .isLessThanOrEqualTo(capKw + 3 * FollowHold.FOLLOWED_WITHIN_A * 0.22 + 0.005);

        await("a cycle with the cap", Duration.ofSeconds(5), () -> !cycles.where(s -> s.has("shed-all")).isEmpty());
        Seen first = cycles.where(s -> s.has("shed-all")).get(0);
        // The cycle running when the reply came may have read the caps before the cap was stored; the next one not.
        assertThat(first.number()).as("%s: the first cycle with the cap, the reply came after cycle %d (sent after %d)",
                first, answeredAt, before).isLessThanOrEqualTo(answeredAt + 2);
        assertThat(first.offeredKw()).as("%s: what a %.2f kW cap leaves", first, capKw)
                .isLessThanOrEqualTo(Math.max(0, room(first)) + EPS);
        await("every car stopped", Duration.ofSeconds(10), () -> rig.evKw() < 0.01);

        // Sampled from a cycle that read the meter, as the headroom it says is the transformer's load against the cap: the
        // first after the shed may have had none (a silent meter, or a timed-out read's), which says no headroom (null).
        JsonNode shed = grid.await(r -> r.topic().endsWith("/telemetry")
                && Instant.parse(r.json().path("ts").asText()).isAfter(first.at())
                && r.json().path("evKw").asDouble() < 0.01 && read(r.json()), 10_000).json();
        assertThat(shed.path("limitKw").asDouble()).as("%s", shed).isEqualTo(capKw);
        assertThat(shed.path("flex").path("shedKw").asDouble()).as("%s", shed).isEqualTo(0);
        assertThat(shed.path("flex").path("leastKw").asDouble()).as("%s: nothing drawn, the households", shed)
                .isCloseTo(shed.path("baseKw").asDouble(), within(1e-6));
        assertThat(shed.path("flex").path("addKw").asDouble()).as("%s: room under the cap", shed)
                .isLessThanOrEqualTo(Math.max(0, capKw - shed.path("baseKw").asDouble()) + EPS);
        assertThat(shed.path("headroomKw").asDouble()).as("%s", shed)
                .isCloseTo(capKw - shed.path("transformerKw").asDouble(), within(0.01));
        System.out.printf("GridCapHonestyLiveTest: shed-all cap %.2f kW (transformer %.2f less shed %.2f); the reply"
                        + " after cycle %d, taken in cycle %d offering %.2f kW%n", capKw,
                t0.path("transformerKw").asDouble(), t0.path("flex").path("shedKw").asDouble(), answeredAt,
                first.number(), first.offeredKw());
        return first.at();
    }

    /** The cap that follows the shed leaves room: what telemetry says can be added is the most taken. */
    private void theRoomSaidIsTheRoomTaken(LiveRig rig, GridSide grid, CyclesUnderCaps cycles, Instant shedAt)
            throws Exception {
        GridCap shed = cycles.where(s -> s.has("shed-all")).get(0).caps().stream()
                .filter(c -> c.id().equals("shed-all")).findFirst().orElseThrow();
        double shedKw = shed.limitKw();
        Instant shedEnds = shed.to();
        // 20 A more: 6.6 A for each pile, above its least current, so all three may rise.
        double capKw = round(shedKw + 20 * 0.22);
        Instant now = Instant.now();
        assertThat(cap(grid, "room", now.minusSeconds(5), now.plus(Duration.ofHours(1)), capKw).path("status")
                .asText()).isEqualTo("accepted");

        // The cars the shed stopped are not started again within their settle time (30 s after the stop, counted in
        // the policy's whole seconds of the cycle's time), whatever room the grid gives back meanwhile.
        Instant settled = shedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(30);
        JsonNode waiting = grid.await(r -> r.topic().endsWith("/telemetry")
                && Instant.parse(r.json().path("ts").asText()).isAfter(shedEnds.plusMillis(500)), 15_000).json();
        assertThat(Instant.parse(waiting.path("ts").asText())).as("%s: sampled within the settle time", waiting)
                .isBefore(settled);
        assertThat(waiting.path("limitKw").asDouble()).as("%s", waiting).isEqualTo(capKw);
        assertThat(waiting.path("flex").path("addKw").asDouble())
                .as("%s: nothing can be added while the stopped cars wait out their settle time", waiting)
                .isLessThanOrEqualTo(TIGHT);

        JsonNode room = grid.await(r -> r.topic().endsWith("/telemetry")
                && Instant.parse(r.json().path("ts").asText()).isAfter(shedEnds)
                && r.json().path("flex").path("addKw").asDouble() > TIGHT, 45_000).json();
        assertThat(Instant.parse(room.path("ts").asText())).as("%s: room said once the settle time is over", room)
                .isAfterOrEqualTo(settled);
        assertThat(room.path("limitKw").asDouble()).as("%s", room).isEqualTo(capKw);
        double addKw = room.path("flex").path("addKw").asDouble();
        double evBefore = room.path("evKw").asDouble();
        assertThat(addKw).as("%s: room under the cap", room)
                .isLessThanOrEqualTo(capKw - room.path("baseKw").asDouble() - evBefore + TIGHT);

        await("the cars charging again once their settle time is over", Duration.ofSeconds(40),
                () -> rig.evKw() > 1);
        Await.holding("every car drawing its offer", Duration.ofSeconds(10), Duration.ofMillis(500),
                () -> rig.bridges.stream().allMatch(b -> Math.abs(b.powerKw() - b.ampsOffered() * 0.22) < EPS));
        List<Seen> rising = cycles.where(s -> s.at().isAfter(shedEnds));
        Seen most = rising.stream().max(java.util.Comparator.comparingDouble(Seen::offeredKw)).orElseThrow();
        Seen firstCharging = rising.stream().filter(s -> s.offeredKw() > 0).findFirst().orElseThrow();
        System.out.printf("GridCapHonestyLiveTest: room cap %.2f kW; telemetry said %.3f kW could be added (EV %.2f"
                        + " kW); offered at most %.3f kW since; charging again %s after the shed%n", capKw, addKw,
                evBefore, most.offeredKw(), Duration.between(shedAt, firstCharging.at()));
        assertThat(most.offeredKw()).as("%s: EV offered after the shed cap's end, against the %.3f kW said", most, addKw)
                .isLessThanOrEqualTo(evBefore + addKw + TIGHT);
        assertThat(rig.evKw()).as("EV drawn").isLessThanOrEqualTo(evBefore + addKw + TIGHT);
    }

    /** The meter silent under the cap that leaves room: the stale cycles keep to the cap, as telemetry says. */
    private void aStaleReadingKeepsToTheCap(LiveRig rig, GridSide grid, CyclesUnderCaps cycles) throws Exception {
        await("the cars charging under the cap", Duration.ofSeconds(10), () -> rig.evKw() > 1);
        long silencedAfter = cycles.last();
        rig.meter.stop();
        await("8 cycles without a fresh reading", Duration.ofSeconds(20),
                () -> cycles.where(s -> s.number() > silencedAfter && Double.isNaN(s.baseKw())).size() >= 8);
        List<Seen> stale = cycles.where(s -> s.number() > silencedAfter && Double.isNaN(s.baseKw()));
        for (Seen s : stale) {
            assertThat(s.offeredKw())
                    .as("%s: the safe %.1f kW less the %.2f kW the cap takes off the transformer's %.1f", s,
                            LiveRig.SAFE_EV_KW, LiveRig.LIMIT_KW - s.limitKw(LiveRig.LIMIT_KW), LiveRig.LIMIT_KW)
                    .isLessThanOrEqualTo(safeUnder(s) + TIGHT);
        }
        await("every car stopped", Duration.ofSeconds(10), () -> rig.evKw() < 0.01);
        Instant from = stale.get(0).at();
        JsonNode t = grid.await(r -> r.topic().endsWith("/telemetry")
                && Instant.parse(r.json().path("ts").asText()).isAfter(from)
                && r.json().path("mode").asText().equals("conservative"), 10_000).json();
        assertThat(t.path("limitKw").asDouble()).as("%s", t).isEqualTo(stale.get(0).limitKw(LiveRig.LIMIT_KW));
        assertThat(t.path("flex").path("addKw").isNull()).as("%s: no room to add said", t).isTrue();
        System.out.printf("GridCapHonestyLiveTest: meter silent under a %.2f kW cap; %d stale cycles offered at most"
                        + " %.2f kW%n", stale.get(0).limitKw(LiveRig.LIMIT_KW), stale.size(),
                stale.stream().mapToDouble(Seen::offeredKw).max().orElse(0));
        rig.meter.start();
    }

    /**
     * Waits until the piles are offered {@code uncapped} again after the announced cap ({@code from} to {@code to},
     * requested at {@code sent}) and every car draws its offer: within {@code settle} and 10 s, as until 2026-12-07, or
     * 10 s after every car that a cycle without a fresh reading stopped may start again ({@link #mayStartAgain}, as the
     * count after it is counted), whichever is later. Such a cycle (the meter's read late on a loaded machine: a stale
     * cycle offers nothing here, cap or none) may come after the cap's end too, and its stop starts the settle time
     * again; until 2026-12-07 the wait did not allow for it, and a stale cycle more than 10 s into the wait failed it.
     * The failure says what the cycles since the cap's start offered and what the bridges offer and draw (until
     * 2026-12-07 it said nothing of them, and a failure in CI, "not within 40000 ms", went unexplained).
     */
    private static void awaitOffersBack(LiveRig rig, CyclesUnderCaps cycles, double[] uncapped, Instant from,
                                        Instant sent, Instant to, Duration settle) throws InterruptedException {
        Instant until = Instant.now().plus(settle).plusSeconds(10);
        AtomicBoolean back = new AtomicBoolean();
        AtomicReference<Instant> mayStart = new AtomicReference<>(to);
        // The bound only for a meter that keeps failing: one more stale stop than the settle time after the end allows.
        Await.untilSeeing("the piles offered what they had before the cap, or 10 s past when the cars stopped may start"
                        + " again", settle.multipliedBy(2).plusSeconds(10), () -> {
                    back.set(offersAre(rig, uncapped));
                    mayStart.set(mayStartAgain(cycles.where(s -> s.at().isAfter(sent)), to, settle));
                    Instant deadline = mayStart.get().plusSeconds(10);
                    return back.get() || Instant.now().isAfter(deadline.isAfter(until) ? deadline : until);
                }, () -> seenSince(cycles, from, rig));
        assertThat(back.get()).as("the piles offered what they had before the cap (%s A), by %s or 10 s after %s, when"
                + " the cars stopped may start again; seen: %s", Arrays.toString(uncapped), until, mayStart.get(),
                seenSince(cycles, from, rig)).isTrue();
    }

    /**
     * What the cycles from {@code from} on offered, for a failure to say: consecutive cycles alike (the same offers, the
     * same limit, a fresh reading or none) one line each, the last {@value #RUNS_SAID} such lines; then what each
     * bridge offers and draws now.
     */
    private static String seenSince(CyclesUnderCaps cycles, Instant from, LiveRig rig) {
        List<List<Seen>> runs = new ArrayList<>();
        for (Seen s : cycles.where(c -> !c.at().isBefore(from))) {
            List<Seen> run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (run != null && alike(run.get(0), s)) {
                run.add(s);
            } else {
                runs.add(new ArrayList<>(List.of(s)));
            }
        }
        StringBuilder out = new StringBuilder();
        if (runs.size() > RUNS_SAID) {
            out.append("\n  (").append(runs.size() - RUNS_SAID).append(" runs of cycles before these)");
        }
        for (List<Seen> run : runs.subList(Math.max(0, runs.size() - RUNS_SAID), runs.size())) {
            Seen first = run.get(0);
            Seen last = run.get(run.size() - 1);
            out.append("\n  cycles %d-%d (%s to %s): limit %.2f kW, %s, offered %s A".formatted(first.number(),
                    last.number(), first.at(), last.at(), first.limitKw(LiveRig.LIMIT_KW), Double.isNaN(first.baseKw())
                            ? "no fresh reading" : "base %.2f kW".formatted(first.baseKw()), Arrays.toString(first.amps())));
        }
        out.append("\n  the bridges now:");
        for (int i = 0; i < rig.bridges.size(); i++) {
            TestBridge b = rig.bridges.get(i);
            out.append(" p%d offers %.1f A and draws %.2f kW;".formatted(i, b.ampsOffered(), b.powerKw()));
        }
        return out.toString();
    }

    /** Two cycles the failure says in one line: the same offers and limit, both with a fresh reading or both without. */
    private static boolean alike(Seen a, Seen b) {
        return Arrays.equals(a.amps(), b.amps()) && a.limitKw(LiveRig.LIMIT_KW) == b.limitKw(LiveRig.LIMIT_KW)
                && Double.isNaN(a.baseKw()) == Double.isNaN(b.baseKw());
    }

    /**
     * When every car that a cycle of {@code run} (consecutive cycles) without a fresh reading stopped may start again,
     * {@code notBefore} at the earliest: its settle time after that cycle, which the policy counts in whole seconds (a
     * second's slack). A plan's pause for a cycle is no such stop.
     */
    private static Instant mayStartAgain(List<Seen> run, Instant notBefore, Duration settle) {
        Instant at = notBefore;
        for (int k = 1; k < run.size(); k++) {
            for (int pile = 0; pile < run.get(k).amps().length; pile++) {
                Instant free = run.get(k).at().plus(settle).plusSeconds(1);
                if (Double.isNaN(run.get(k).baseKw()) && run.get(k - 1).amps()[pile] > 0 && run.get(k).amps()[pile] <= 0
                        && free.isAfter(at)) {
                    at = free;
                }
            }
        }
        return at;
    }

    /**
     * The most a cycle may offer under the limit it kept to: that limit less the households' load it took, or without a
     * fresh reading (the meter silent, or its read timed out on a loaded machine: then the households are not known and
     * {@code baseKw} is NaN) {@link #safeUnder}. Until 2026-12-06 the first cycles of the caps were held to the former
     * alone, which a stale cycle failed against NaN.
     */
    private static double room(Seen s) {
        return Double.isNaN(s.baseKw()) ? safeUnder(s) : s.limitKw(LiveRig.LIMIT_KW) - s.baseKw();
    }

    /**
     * What a cycle without a fresh reading (the meter silent; a loaded machine can stretch one past staleAfterMs) may
     * offer: the safe EV power, judged against the transformer's limit, less what the cap in force lowers that by
     * (docs/operations.md, {@code control.safeEvKw}).
     */
    private static double safeUnder(Seen s) {
        return Math.max(0, LiveRig.SAFE_EV_KW - (LiveRig.LIMIT_KW - s.limitKw(LiveRig.LIMIT_KW)));
    }

    /**
     * Each telemetry message says the limit of the cycle it was sampled from: the last that ran before its {@code ts},
     * or the one before it (the last may still have been running when the sample was taken), never a limit that starts
     * or ends after that cycle.
     */
    private static void eachTelemetrySaysTheLimitItsCycleKeptTo(GridSide grid, CyclesUnderCaps cycles) {
        List<Seen> all = cycles.all();
        int checked = 0;
        for (JsonNode t : telemetry(grid)) {
            Instant ts = Instant.parse(t.path("ts").asText());
            int last = -1;
            for (int i = 0; i < all.size() && !all.get(i).at().isAfter(ts); i++) {
                last = i;
            }
            if (last < 1) {
                continue; // sampled from a cycle before the test counted any
            }
            double said = t.path("limitKw").asDouble();
            Seen cycle = all.get(last);
            Seen before = all.get(last - 1);
            assertThat(said == cycle.limitKw(LiveRig.LIMIT_KW) || said == before.limitKw(LiveRig.LIMIT_KW))
                    .as("telemetry %s says limitKw %.2f; the last cycles before it: %s (limit %.2f), %s (limit %.2f)",
                            t.path("id").asText(), said, before, before.limitKw(LiveRig.LIMIT_KW), cycle,
                            cycle.limitKw(LiveRig.LIMIT_KW)).isTrue();
            checked++;
        }
        assertThat(checked).as("telemetry messages checked").isGreaterThan(50);
    }

    private static JsonNode cap(GridSide grid, String id, Instant from, Instant to, double limitKw) throws Exception {
        JsonNode reply = grid.request("orderly/v1/gw-test/cmd/cap", "{\"v\":1,\"id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"limitKw\":%s}"
                .formatted(id, from, to, limitKw), id, 10_000);
        assertThat(reply).as("the reply to cap %s", id).isNotNull();
        return reply;
    }

    /** Whether a telemetry message was sampled from a cycle with a fresh meter reading: it says the transformer's load. */
    private static boolean read(JsonNode telemetry) {
        return telemetry.path("transformerKw").isNumber();
    }

    private static List<JsonNode> telemetry(GridSide grid) {
        List<JsonNode> out = new ArrayList<>();
        for (GridSide.Received r : grid.all()) {
            if (r.topic().endsWith("/telemetry")) {
                out.add(r.json());
            }
        }
        return out;
    }

    private static boolean offersAre(LiveRig rig, double[] amps) {
        for (int i = 0; i < amps.length; i++) {
            TestBridge b = rig.bridges.get(i);
            // Down to one setpoint step below: the limiter rounds its amperes down to 0.1 A, so a line's room reckoned
            // a hair below 10 A after the cap offers 9.9 A (a CI run of 2026-12-07: p0 9.9 A for 40 s after the cap,
            // the households 8.80 kW as before it; not reproduced alone, the cause of the hair not pinned down).
            double offered = b.ampsOffered();
            if (!withinAStepBelow(offered, amps[i]) || Math.abs(b.powerKw() - offered * 0.22) > EPS) {
                return false;
            }
        }
        return true;
    }

    /** The last cycle counted had a fresh reading and offered {@code amps}. */
    private static boolean lastOffered(CyclesUnderCaps cycles, double[] amps) {
        List<Seen> all = cycles.all();
        if (all.isEmpty()) {
            return false;
        }
        Seen last = all.get(all.size() - 1);
        return !Double.isNaN(last.baseKw()) && offered(last, amps);
    }

    private static boolean offered(Seen s, double[] amps) {
        for (int i = 0; i < amps.length; i++) {
            if (!withinAStepBelow(s.amps()[i], amps[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code offered} is {@code wanted}, or down to one setpoint step below it (the limiter rounds down). */
    private static boolean withinAStepBelow(double offered, double wanted) {
        return offered <= wanted + EPS && offered >= wanted - OFFER_STEP_A - EPS;
    }

    private static double round(double kw) {
        return Math.round(kw * 100) / 100.0;
    }
}
