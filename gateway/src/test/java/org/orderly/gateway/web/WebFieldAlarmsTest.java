package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.PageAlarms.active;
import static org.orderly.gateway.web.PageAlarms.alarms;
import static org.orderly.gateway.web.PageAlarms.overview;
import static org.orderly.gateway.web.PageAlarms.signedIn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.app.TransformerMeterSlave;
import org.orderly.gateway.upstream.RefuseSubscribeProxy;
import org.orderly.testkit.Mosquitto;

/**
 * What the rest of the system knows of its troubles reaches the page's alarms (live gateway on 127.0.0.1 with real
 * bridges, a real Modbus TCP pile meter and a real Mosquitto): a pile in fault says why, a pile whose meter stopped
 * answering, an upstream outbox whose writes SQLite refuses, a broker refusing the subscription to the commands, and a
 * transformer meter flowing back to the grid.
 */
@Timeout(120)
class WebFieldAlarmsTest {
    @TempDir
    Path dir;

    @Test
    void aPileInFaultSaysWhy() throws Exception {
        try (WebRig rig = new WebRig(2, dir)) {
            ApiClient api = signedIn(rig);
            WebRig.await("both piles seen", Duration.ofSeconds(10), () -> overview(api).get("plugged").asInt() == 2);

            rig.live.bridges.get(0).trip(PileFault.contactorWelded());
            rig.live.bridges.get(1).trip(PileFault.residualCurrent(() -> true));

            WebRig.await("p0's fault alarm says the contactor is welded", Duration.ofSeconds(10),
                    () -> active(api, "PILE_FAULT", "p0").map(a -> a.path("detail").asText())
                            .filter("contactor welded"::equals).isPresent());
            WebRig.await("p1's fault alarm says a residual current tripped it", Duration.ofSeconds(10),
                    () -> active(api, "PILE_FAULT", "p1").map(a -> a.path("detail").asText())
                            .filter("residual current"::equals).isPresent());
            JsonNode piles = overview(api).get("piles");
            assertThat(piles.get(0).path("fault").asText()).as("p0's row says why it is in fault").isEqualTo("contactor welded");
            assertThat(piles.get(1).path("fault").asText()).as("p1's row").isEqualTo("residual current");
        }
    }

    @Test
    void aPileWhoseMeterStopsAnsweringIsAnAlarmWhileItIsSilent() throws Exception {
        try (TransformerMeterSlave pileMeter = new TransformerMeterSlave();
             WebRig rig = WebRig.onePrice(2, dir,
                     id -> id.equals("p0") ? TestBridge.metered(id, pileMeter.port) : new TestBridge(id))) {
            ApiClient api = signedIn(rig);
            WebRig.await("p0's meter answers", Duration.ofSeconds(10),
                    () -> rig.live.bridges.get(0).meterOk().orElse(false));
            // One price all day: p0 is given current now, and its car charges (state C), drawing what its meter reads.
            WebRig.await("p0 given current and charging", Duration.ofSeconds(20),
                    () -> overview(api).get("piles").get(0).path("amps").asDouble() > 0
                            && overview(api).get("piles").get(0).path("state").asText().equals("C"));
            long seenAt = overview(api).get("at").asLong();
            WebRig.await("two more overviews", Duration.ofSeconds(10),
                    () -> overview(api).get("at").asLong() > seenAt + 2 * 250);
            // none raised, nor raised and cleared: the bridge says meterOk false until its first answer, which comes
            // late on a loaded machine; that is no alarm short of the hold (10 s of meterOk false on end)
            assertThat(alarms(api, "PILE_METER_FAILING")).as("while the meter answers").isEmpty();
            // Awaited, not taken of the next overview: a loaded machine's meter may miss one 300 ms request, and the
            // bridge then says meterOk false until its next answer, rightly unmeasured for that moment (fresh-clone CI
            // at load 14: [every draw measured] expected: 0 but was: 1). A metered draw counted as unmeasured never is 0.
            WebRig.await("every draw measured while p0 charges", Duration.ofSeconds(10), () -> {
                JsonNode o = overview(api);
                return o.path("unmeasured").asInt() == 0 && o.path("evUnmeasuredKw").asDouble() == 0;
            });

            pileMeter.stop();
            WebRig.await("p0's meter failing on the page, once silent for the hold", Duration.ofSeconds(45),
                    () -> active(api, "PILE_METER_FAILING", "p0").isPresent());
            assertThat(active(api, "PILE_METER_FAILING", "p1")).as("p1 has no meter").isEmpty();
            // The bridge says the most its offer allows: in the EV load, and said apart as no measurement.
            WebRig.await("the EV load says p0's draw is not measured", Duration.ofSeconds(10), () -> {
                JsonNode o = overview(api);
                double p0Kw = o.get("piles").get(0).path("kw").asDouble();
                return o.path("unmeasured").asInt() == 1 && p0Kw > 0
                        && Math.abs(o.path("evUnmeasuredKw").asDouble() - p0Kw) < 1e-9;
            });

            pileMeter.start();
            WebRig.await("the alarm cleared once the meter answers again", Duration.ofSeconds(15),
                    () -> active(api, "PILE_METER_FAILING", "p0").isEmpty()
                            && alarms(api, "PILE_METER_FAILING").stream().anyMatch(a -> !a.get("clearedAt").isNull()));
        }
    }

    /**
     * A pile that draws clearly more than the cycle gives it (held to 16 A by the installer, its meter reads 3.8 kW,
     * 17.3 A on its one phase at 220 V: more than 1 A over, yet within the 18.15 A the bridge's own over-current check lets a car
     * draw under 16 A, so the bridge does not trip it) for longer than a car may take to follow a lower offer is an
     * alarm on that pile naming what it draws and what it was given; cleared once it draws within what it is given.
     */
    @Test
    void aPileDrawingMoreThanItIsGivenIsAnAlarmNamingWhatItDrawsAndWasGiven() throws Exception {
        try (TransformerMeterSlave pileMeter = new TransformerMeterSlave();
             WebRig rig = WebRig.onePrice(2, dir,
                     id -> id.equals("p0") ? TestBridge.metered(id, pileMeter.port) : new TestBridge(id))) {
            ApiClient api = p0MeteredChargingAt(rig, 16);
            long seenAt = overview(api).get("at").asLong();
            WebRig.await("overviews past the hold", Duration.ofSeconds(30),
                    () -> overview(api).get("at").asLong() > seenAt + 12_000);
            assertThat(alarms(api, "PILE_NOT_FOLLOWING")).as("drawing nothing is following").isEmpty();

            pileMeter.totalKw(3.8);
            pileMeter.phaseAmps('A', 3800 / 220.0);
            WebRig.await("p0's row shows the 3.8 kW its meter reads", Duration.ofSeconds(10),
                    () -> Math.abs(overview(api).get("piles").get(0).path("kw").asDouble() - 3.8) < 0.01);
            WebRig.await("p0 not following its offer on the page, naming what it draws and was given",
                    Duration.ofSeconds(45), () -> active(api, "PILE_NOT_FOLLOWING", "p0")
                            .filter(a -> a.path("detail").asText().equals("3.8 kW; 16 A")).isPresent());
            assertThat(overview(api).get("piles").get(0).path("state").asText())
                    .as("the bridge let p0 charge on: 17.3 A is within its own check of a car under 16 A").isEqualTo("C");
            assertThat(active(api, "PILE_NOT_FOLLOWING", "p1")).as("p1 follows").isEmpty();
            for (String lang : new String[] {"zh", "en"}) {
                assertThat(api.get("/api/i18n/" + lang).body().path("alarm.PILE_NOT_FOLLOWING").asText())
                        .as(lang).contains("{0}").contains("{1}");
            }

            pileMeter.totalKw(0);
            pileMeter.phaseAmps('A', 0);
            WebRig.await("the alarm cleared once p0 draws within its offer", Duration.ofSeconds(20),
                    () -> active(api, "PILE_NOT_FOLLOWING", "p0").isEmpty()
                            && alarms(api, "PILE_NOT_FOLLOWING").stream().anyMatch(a -> !a.get("clearedAt").isNull()));
        }
    }

    /**
     * A car that draws far more than its pile offers it (6 A given, its meter reads 7 kW, 32 A on its one phase at 220 V) is
     * stopped by its bridge (docs/firmware-bridge.md, Over-current) before the gateway's own alarm would stand (10 s):
     * the page shows the pile's fault, in the bridge's words.
     */
    @Test
    void aCarDrawingFarMoreThanItIsOfferedIsTrippedByItsBridgeAndThePageSaysWhy() throws Exception {
        try (TransformerMeterSlave pileMeter = new TransformerMeterSlave();
             WebRig rig = WebRig.onePrice(2, dir,
                     id -> id.equals("p0") ? TestBridge.metered(id, pileMeter.port) : new TestBridge(id))) {
            ApiClient api = p0MeteredChargingAt(rig, 6);

            pileMeter.totalKw(7);
            pileMeter.phaseAmps('A', 7000 / 220.0);
            WebRig.await("p0's fault alarm says the car drew more than it was offered", Duration.ofSeconds(45),
                    () -> active(api, "PILE_FAULT", "p0").map(a -> a.path("detail").asText())
                            .filter("vehicle over current"::equals).isPresent());
            assertThat(overview(api).get("piles").get(0).path("fault").asText()).as("p0's row says why")
                    .isEqualTo("vehicle over current");
            assertThat(active(api, "PILE_FAULT", "p1")).as("p1 is not in fault").isEmpty();
        }
    }

    /**
     * Signed in, once p0's meter answers and p0 is held to {@code amps} by the installer: one price all day, so p0 is
     * given that now and its car charges (state C), drawing what its meter reads (at most the pile's 7.36 kW, past
     * which the bridge takes its meter's reading as implausible).
     */
    private static ApiClient p0MeteredChargingAt(WebRig rig, int amps) throws Exception {
        ApiClient api = signedIn(rig);
        WebRig.await("p0's meter answers", Duration.ofSeconds(10),
                () -> rig.live.bridges.get(0).meterOk().orElse(false));
        assertThat(api.post("/api/piles/p0/limit", "{\"amps\":" + amps + "}").status()).isEqualTo(202);
        WebRig.await("p0 given " + amps + " A and charging", Duration.ofSeconds(20),
                () -> overview(api).get("piles").get(0).path("amps").asDouble() == amps
                        && overview(api).get("piles").get(0).path("state").asText().equals("C"));
        return api;
    }

    @Test
    void anOutboxThatCannotWriteIsAnAlarmNamingTheWritesKept() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             WebRig rig = new WebRig(1, dir, """
                     upstream:
                       broker: %s
                       plaintext: true
                       telemetryPeriodMs: 250
                     """.formatted(broker.url()), TestBridge::new)) {
            ApiClient api = signedIn(rig);
            WebRig.await("the pile seen", Duration.ofSeconds(10), () -> overview(api).get("plugged").asInt() == 1);

            // Another connection holds the store's write lock past SQLite's busy timeout (5 s): the outbox keeps
            // its telemetry writes and tries them again.
            try (Connection locker = rig.live.gateway.store().database().open()) {
                try (Statement s = locker.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                }
                WebRig.await("the outbox's writes failing on the page, with how many are kept", Duration.ofSeconds(30),
                        () -> active(api, "UPSTREAM_STORE_FAILING", "gw-test")
                                .filter(a -> a.path("detail").asText().matches("[1-9][0-9]*")).isPresent());
                try (Statement s = locker.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
            WebRig.await("the alarm cleared once the writes are committed", Duration.ofSeconds(60),
                    () -> active(api, "UPSTREAM_STORE_FAILING", "gw-test").isEmpty());
            assertThat(rig.live.gateway.upstream().outbox().failing()).isZero();
        }
    }

    /**
     * Another connection holds the store's write lock past SQLite's busy timeout: the store's own writes fail (an event
     * refused), which the page says, naming SQLite's code, until a write of substance commits again.
     */
    @Test
    void aStoreThatCannotWriteIsAnAlarmUntilItsWritesCommitAgain() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            ApiClient api = signedIn(rig);
            WebRig.await("the pile seen", Duration.ofSeconds(10), () -> overview(api).get("plugged").asInt() == 1);
            assertThat(active(api, "STORE_WRITES_FAILING", "gw-test")).isEmpty();

            try (Connection locker = rig.live.gateway.store().database().open()) {
                try (Statement s = locker.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                }
                rig.live.gateway.store().event("test.marker", "gw-test", "refused while the store is locked");
                WebRig.await("the store's writes failing on the page, with SQLite's code", Duration.ofSeconds(30),
                        () -> active(api, "STORE_WRITES_FAILING", "gw-test")
                                .filter(a -> a.path("detail").asText().equals("SQLITE_BUSY")).isPresent());
                try (Statement s = locker.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
            rig.live.gateway.store().event("test.marker", "gw-test", "taken");
            WebRig.await("the alarm cleared once the store's writes commit", Duration.ofSeconds(60),
                    () -> active(api, "STORE_WRITES_FAILING", "gw-test").isEmpty()
                            && alarms(api, "STORE_WRITES_FAILING").stream()
                            .anyMatch(a -> !a.get("clearedAt").isNull()));
        }
    }

    /**
     * The broker refuses the gateway's subscription to the commands (MQTT 3.1.1 through a proxy that makes each SUBACK
     * say 0x80): the page says grid caps cannot reach the compound, the link being connected, until the broker takes
     * a later SUBSCRIBE (asked for 10 s after the refusal).
     */
    @Test
    void aRefusedCommandSubscriptionIsAnAlarmUntilTheBrokerTakesIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port());
             WebRig rig = new WebRig(1, dir, """
                     upstream:
                       broker: %s
                       plaintext: true
                       protocol: mqtt311
                     """.formatted(proxy.url()), TestBridge::new)) {
            ApiClient api = signedIn(rig);
            WebRig.await("the refused command subscription on the page", Duration.ofSeconds(30),
                    () -> active(api, "UPSTREAM_COMMANDS_REFUSED", "gw-test").isPresent());
            assertThat(rig.live.gateway.upstream().link().connected()).as("the link is connected").isTrue();
            assertThat(alarms(api, "UPSTREAM_DISCONNECTED")).as("the link is not down").isEmpty();

            proxy.answer(RefuseSubscribeProxy.Suback.FORWARDED);
            WebRig.await("the alarm cleared once the broker takes the subscription", Duration.ofSeconds(40),
                    () -> active(api, "UPSTREAM_COMMANDS_REFUSED", "gw-test").isEmpty()
                            && alarms(api, "UPSTREAM_COMMANDS_REFUSED").stream()
                            .anyMatch(a -> !a.get("clearedAt").isNull()));
            assertThat(rig.live.gateway.upstream().link().commandsRefused()).isEmpty();
        }
    }

    @Test
    void aTransformerMeterFlowingBackIsAnAlarmNotAStaleMeterAndOneErrorSaysWhatToCheck() throws Exception {
        try (CapturedLog log = new CapturedLog(); WebRig rig = new WebRig(1, dir)) {
            ApiClient api = signedIn(rig);
            WebRig.await("the pile seen", Duration.ofSeconds(10), () -> overview(api).get("plugged").asInt() == 1);

            rig.live.ctReversed(true);
            // Raised once the cycle goes conservative for it, before its hold too (since 2026-12-07); the ERROR comes
            // with the hold.
            WebRig.await("the meter flowing back on the page, held", Duration.ofSeconds(30),
                    () -> active(api, "METER_FLOWS_BACK", "gw-test").isPresent()
                            && rig.live.gateway.loop().lastResult().backflow() != null);
            assertThat(active(api, "METER_STALE", "gw-test")).as("the meter answers: it is not stale").isEmpty();

            rig.live.ctReversed(false);
            WebRig.await("the alarm cleared once the meter reads plausibly", Duration.ofSeconds(15),
                    () -> active(api, "METER_FLOWS_BACK", "gw-test").isEmpty());
            assertThat(log.lines("ERROR", "power.total.kw = -", "flows back to the grid", "check that each CT"))
                    .as("one ERROR line says what and what to check").hasSize(1);
            assertThat(log.lines("INFO", "conservative -> normal", "plausible again")).hasSize(1);
        }
    }
}
