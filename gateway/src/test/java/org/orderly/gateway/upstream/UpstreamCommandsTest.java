package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * Commands from the grid side through a real Mosquitto: a grid cap is validated, acknowledged on the MQTT v5 response
 * topic with the correlation data, applied at once (the caps the control loop reads, the limit telemetry reports),
 * idempotent by id and kept across a restart; malformed, oversized, expired, duplicate and out-of-range caps are
 * rejected with a reason and change nothing; a history request is answered through the response topic.
 */
class UpstreamCommandsTest {
    private static final String GW = "gw-c";
    private static final String CAP = "orderly/v1/" + GW + "/cmd/cap";
    private static final String HISTORY = "orderly/v1/" + GW + "/cmd/history";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void gridCapsAreValidatedAppliedIdempotentAndKept() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String valid = cap("cap-1", now.minusSeconds(60), now.plus(Duration.ofHours(2)), 60);
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW)) {
            try (UpstreamRig rig = start(broker)) {
                rig.awaitConnected(20_000);

                JsonNode ok = grid.request(CAP, valid, "c-1", 10_000);
                assertThat(ok.path("status").asText()).as("reply %s", ok).isEqualTo("accepted");
                assertThat(ok.path("requestId").asText()).isEqualTo("cap-1");
                assertThat(ok.path("type").asText()).isEqualTo("reply");
                List<GridCap> caps = rig.upstream.caps().get();
                assertThat(caps).extracting(GridCap::id, GridCap::limitKw).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cap-1", 60.0));
                JsonNode telemetry = grid.await(r -> r.topic().endsWith("/telemetry")
                        && r.json().path("limitKw").asDouble() == 60.0, 10_000).json();
                assertThat(telemetry.path("headroomKw").asDouble()).as("60 kW cap less 50 kW load").isEqualTo(10.0);
                JsonNode accepted = grid.await(r -> r.json().path("kind").asText().equals("cap.accepted"), 10_000).json();
                // the limit as the grid side wrote it; until 2026-12-04 Java's "60.0 kW"
                assertThat(accepted.path("message").asText()).startsWith("60 kW from ");

                JsonNode again = grid.request(CAP, valid, "c-2", 10_000);
                assertThat(again.path("status").asText()).isEqualTo("duplicate");

                String[][] wrong = {
                        {"{\"v\":1,\"id\":", "malformed"},
                        {"{\"v\":1,\"id\":\"big\",\"pad\":\"" + "x".repeat(5000) + "\"}", "oversized"},
                        {cap("cap-2", now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)), 60), "expired"},
                        {cap("cap-1", now, now.plus(Duration.ofHours(1)), 50), "duplicate id"},
                        {cap("cap-3", now, now.plus(Duration.ofHours(1)), 150), "out of range"},
                        {cap("cap-4", now, now.plus(Duration.ofHours(1)), -5), "out of range"},
                };
                for (String[] w : wrong) {
                    JsonNode r = grid.request(CAP, w[0], "bad-" + w[1], 10_000);
                    assertThat(r).as("a reply to the %s cap", w[1]).isNotNull();
                    assertThat(r.path("status").asText()).isEqualTo("rejected");
                    assertThat(r.path("reason").asText()).as("reason for the %s cap", w[1]).contains(w[1]);
                    assertThat(rig.upstream.caps().get()).as("nothing changed after the %s cap", w[1]).isEqualTo(caps);
                }

                grid.send(CAP, cap("cap-5", now, now.plus(Duration.ofHours(1)), 90));
                GridSide.Received reply = grid.await(r -> r.topic().equals("orderly/v1/" + GW + "/replies"), 10_000);
                assertThat(reply.json().path("status").asText()).as("without a response topic, on replies")
                        .isEqualTo("accepted");

                grid.send("orderly/v1/" + GW + "/cmd/other", cap("cap-6", now, now.plus(Duration.ofHours(1)), 10));
                // Not a wait for the absence: a cap after it on the same path (one publisher at QoS 1, in order through
                // the broker and the gateway's one command thread) is answered only once cap-6 would have been taken.
                JsonNode after = grid.request(CAP, cap("cap-5", now, now.plus(Duration.ofHours(1)), 90), "c-after", 10_000);
                assertThat(after.path("status").asText()).as("the cap sent after cmd/other: %s", after)
                        .isEqualTo("duplicate");
                assertThat(rig.upstream.caps().get()).extracting(GridCap::id).containsExactly("cap-1", "cap-5");
            }
            try (UpstreamRig restarted = start(broker)) {
                assertThat(restarted.upstream.caps().get()).as("accepted caps survive a restart")
                        .extracting(GridCap::id).containsExactly("cap-1", "cap-5");
                // commands are not queued for an offline gateway (clean start): the grid side re-sends until it is
                // answered
                restarted.awaitConnected(20_000);
                JsonNode again = grid.request(CAP, valid, "c-3", 10_000);
                assertThat(again.path("status").asText()).as("still a duplicate after the restart").isEqualTo("duplicate");
            }
        }
    }

    /**
     * An accepted cap's reply says what the gateway can meet of it (docs/upstream.md, "Replies", {@code meet}): the
     * rig's compound draws 50 kW, 43 of them the households' and 7 a pile that follows its offer, so the least total
     * the gateway can bring it to is 43 kW. A 40 kW cap is accepted all the same (the gateway cannot refuse the
     * grid), but its reply says {@code meetable: false}, 3 kW short; a 45 kW cap can be met. The planner's household
     * forecast for the window is said beside it, its highest slot, and null before there is a plan. Until 2026-12-05
     * both replies were a bare {@code accepted}, and the grid side believed it had bought 10 kW of flexibility where
     * there were 7.
     */
    @Test
    @Timeout(120)
    void anAcceptedCapSaysWhetherTheGatewayCanMeetIt() throws Exception {
        Instant now = Instant.now();
        Instant q0 = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(now.atZone(java.time.ZoneOffset.UTC)
                .getMinute() / 15 * 15L));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);
            grid.await(r -> r.topic().endsWith("/telemetry"), 10_000);

            JsonNode before = grid.request(CAP, cap("no-plan", now, now.plus(Duration.ofHours(1)), 40), "m-0", 10_000);
            assertThat(before.path("status").asText()).as("reply %s", before).isEqualTo("accepted");
            JsonNode meet = before.path("meet");
            assertThat(meet.isObject()).as("meet in %s", before).isTrue();
            assertThat(meet.path("meetable").isBoolean()).as("meetable in %s", before).isTrue();
            assertThat(meet.path("meetable").asBoolean()).as("a 40 kW cap under 43 kW of households: %s", before)
                    .isFalse();
            assertThat(meet.path("shortKw").asDouble()).isEqualTo(3.0);
            assertThat(meet.path("leastKw").asDouble()).isEqualTo(43.0);
            assertThat(meet.path("shedKw").asDouble()).isEqualTo(7.0);
            assertThat(meet.path("baseKw").asDouble()).isEqualTo(43.0);
            assertThat(meet.has("baseForecastKw") && meet.path("baseForecastKw").isNull())
                    .as("no plan yet: the forecast is not known, not 0: %s", before).isTrue();
            ContractSchemas schemas = new ContractSchemas(ContractDoc.read());
            assertThat(schemas.problems("reply", before)).as("reply %s", before).isEmpty();

            // The cap.accepted event says it too, as its reply does (until 2026-12-05 it had no meet: the event log
            // and the page could not say a cap was accepted but could not be met), and is stored for the page.
            JsonNode event = grid.await(r -> r.json().path("kind").asText().equals("cap.accepted")
                    && r.json().path("subject").asText().equals("no-plan"), 10_000).json();
            assertThat(event.path("meet")).as("the event %s", event).isEqualTo(meet);
            assertThat(event.path("message").asText()).as("its text as before").startsWith("40 kW from ");
            assertThat(schemas.problems("event", event)).as("event %s", event).isEmpty();
            assertThat(rig.store.flush(Duration.ofSeconds(10))).isTrue();
            StoreEvent stored;
            try (StoreReader reader = rig.store.reader()) {
                stored = reader.events(now.minusSeconds(60), Instant.now().plusSeconds(60)).stream()
                        .filter(e -> e.kind().equals("cap.accepted") && e.subject().equals("no-plan"))
                        .findFirst().orElseThrow();
            }
            assertThat(stored.args()).as("stored for the page: %s", stored).containsEntry("form", "short")
                    .containsEntry("limitKw", "40").containsEntry("shortKw", "3").containsEntry("leastKw", "43");

            rig.upstream.plan(plan(q0, 30, 47, 41, 20));
            JsonNode shortCap = grid.request(CAP, cap("short", q0.plus(Duration.ofMinutes(15)),
                    q0.plus(Duration.ofMinutes(45)), 40), "m-1", 10_000);
            assertThat(shortCap.path("meet").path("meetable").asBoolean()).as("reply %s", shortCap).isFalse();
            assertThat(shortCap.path("meet").path("baseForecastKw").asDouble()).as("the highest of 47 and 41 kW: %s",
                    shortCap).isEqualTo(47.0);

            JsonNode fits = grid.request(CAP, cap("fits", q0.plus(Duration.ofMinutes(45)),
                    q0.plus(Duration.ofMinutes(120)), 45), "m-2", 10_000);
            assertThat(fits.path("status").asText()).as("reply %s", fits).isEqualTo("accepted");
            assertThat(fits.path("meet").path("meetable").asBoolean()).as("reply %s", fits).isTrue();
            assertThat(fits.path("meet").path("shortKw").asDouble()).isEqualTo(0.0);
            JsonNode fitsEvent = grid.await(r -> r.json().path("kind").asText().equals("cap.accepted")
                    && r.json().path("subject").asText().equals("fits"), 10_000).json();
            assertThat(fitsEvent.path("meet")).as("the event %s", fitsEvent).isEqualTo(fits.path("meet"));
            assertThat(fits.path("meet").path("baseForecastKw").asDouble())
                    .as("the plan's last slot, the only one in the window: %s", fits).isEqualTo(20.0);

            JsonNode again = grid.request(CAP, cap("short", q0.plus(Duration.ofMinutes(15)),
                    q0.plus(Duration.ofMinutes(45)), 40), "m-3", 10_000);
            assertThat(again.path("status").asText()).isEqualTo("duplicate");
            assertThat(again.has("meet")).as("a duplicate changes nothing and says nothing more: %s", again).isFalse();
        }
    }

    /** Quarter-hour slots from {@code start}, the households expected to draw {@code baseKw} in them, no session. */
    private static Plan plan(Instant start, double... baseKw) {
        int slots = baseKw.length;
        long[] bounds = new long[slots + 1];
        double[] hours = new double[slots];
        bounds[0] = start.getEpochSecond();
        for (int j = 0; j < slots; j++) {
            bounds[j + 1] = bounds[j] + 900;
            hours[j] = 0.25;
        }
        double[] limit = new double[slots];
        java.util.Arrays.fill(limit, 100);
        PlanProblem p = new PlanProblem(start, UpstreamRig.COMPOUND, PlannerSettings.defaults(1.8), bounds, hours,
                new double[slots], baseKw.clone(), limit, new double[slots][UpstreamRig.COMPOUND.nodeCount()],
                List.of());
        return Plan.of(p, Map.of(), new double[slots]);
    }

    /**
     * JSON that Jackson reads only with a setting of its own turned on (NaN, Infinity, a leading plus, a comment) is
     * rejected {@code malformed:} saying what and where, without the setting's name, which the grid side cannot turn
     * on (it said {@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}).
     */
    @Test
    @Timeout(120)
    void jsonTheReaderTakesOnlyWithASettingIsRefusedWithoutNamingIt() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String window = "\"from\":\"" + now + "\",\"to\":\"" + now.plus(Duration.ofHours(1)) + "\"";
        String[][] sent = {
                {"{\"v\":1,\"id\":\"nan\"," + window + ",\"limitKw\":NaN}",
                        "malformed: non-standard token 'NaN' at line 1, column "},
                {"{\"v\":1,\"id\":\"inf\"," + window + ",\"limitKw\":-Infinity}",
                        "malformed: non-standard token '-Infinity' at line 1, column "},
                {"{\"v\":1,\"id\":\"plus\"," + window + ",\"limitKw\":+5}", "malformed: unexpected character ('+'"},
                {"{\"v\":1,/* a comment */\"id\":\"c\"}", "malformed: unexpected character ('/'"},
        };
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);
            for (String[] s : sent) {
                JsonNode r = grid.request(CAP, s[0], "c-" + s[1].hashCode(), 10_000);
                assertThat(r).as("a reply to %s", s[0]).isNotNull();
                String reason = r.path("reason").asText();
                System.out.println("UpstreamCommandsTest: " + s[0] + " -> " + reason);
                assertThat(reason).as("the reason for %s", s[0]).startsWith(s[1]).contains(" at line 1, column ")
                        .doesNotContain("Feature").doesNotContain("enable").doesNotContain("`");
            }
            assertThat(rig.upstream.caps().get()).as("no cap taken").isEmpty();
        }
    }

    @Test
    @Timeout(120)
    void aHistoryRequestIsAnsweredThroughTheResponseTopic() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
            rig.store.sample(new Sample("transformer", "power.total.kw", minute, 50));
            rig.store.sample(new Sample("compound", "base.kw", minute, 43));
            rig.store.sample(new Sample("compound", "ev.kw", minute, 7));
            String request = "{\"v\":1,\"id\":\"h-1\",\"from\":\"" + minute.minus(Duration.ofMinutes(5))
                    + "\",\"to\":\"" + minute.plus(Duration.ofMinutes(5)) + "\"}";
            JsonNode answer = null;
            long until = System.currentTimeMillis() + 20_000;
            // the store writes a minute once it is closed (its writer's tick, every 5 s)
            while (System.currentTimeMillis() < until) {
                answer = grid.request(HISTORY, request, "h-1", 10_000);
                if (answer != null && answer.path("minutes").size() > 0) {
                    break;
                }
                Thread.sleep(100); // a request and its answer over loopback cost milliseconds; the tick comes at any time
            }
            assertThat(answer.path("type").asText()).isEqualTo("history");
            assertThat(answer.path("status").asText()).isEqualTo("ok");
            assertThat(answer.path("requestId").asText()).isEqualTo("h-1");
            JsonNode m = answer.path("minutes").get(0);
            assertThat(Instant.parse(m.path("minute").asText())).isEqualTo(minute);
            assertThat(m.path("transformerKw").asDouble()).isEqualTo(50.0);
            assertThat(m.path("baseKw").asDouble()).isEqualTo(43.0);
            assertThat(m.path("evKw").asDouble()).isEqualTo(7.0);

            JsonNode tooLong = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-2\",\"from\":\"2026-01-01T00:00:00Z\","
                    + "\"to\":\"2026-01-03T00:00:00Z\"}", "h-2", 10_000);
            assertThat(tooLong.path("status").asText()).isEqualTo("rejected");
            assertThat(tooLong.path("reason").asText()).contains("out of range");
        }
    }

    /**
     * Each minute of a history answer says the part of its {@code baseKw} that is a bound, not a measurement
     * ({@code baseBoundKw}, the recorder's {@code base.bound.kw}; docs/upstream.md "cmd/history"), through a real
     * Mosquitto: a minute whose households were measured at 13 kW for its first half and a bound of 20 kW (a car's draw
     * not known to be in the reading) for its second says 16.5 kW, 10 of them the bound's; a minute recorded before the
     * bound part was (2026-12-06) says null, not known. Until 2026-12-06 the answer said 16.5 kW of households alone.
     */
    @Test
    @Timeout(120)
    void aHistoryAnswerSaysThePartOfTheHouseholdsThatIsABound() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
            Instant before = minute.minus(Duration.ofMinutes(2));
            rig.store.sample(new Sample("compound", "base.kw", before, 43));
            rig.store.sample(new Sample("compound", "base.kw", minute, 13));
            rig.store.sample(new Sample("compound", "base.bound.kw", minute, 0));
            rig.store.sample(new Sample("compound", "base.kw", minute.plusSeconds(30), 20));
            rig.store.sample(new Sample("compound", "base.bound.kw", minute.plusSeconds(30), 20));
            // A minute's samples are written once a later one of the same series closes it.
            Instant next = minute.plus(Duration.ofMinutes(1));
            rig.store.sample(new Sample("compound", "base.kw", next, 13));
            rig.store.sample(new Sample("compound", "base.bound.kw", next, 0));
            String request = "{\"v\":1,\"id\":\"h-bound\",\"from\":\"" + before + "\",\"to\":\"" + next + "\"}";
            // the store writes the minutes at its writer's next tick (every 5 s)
            JsonNode[] answer = new JsonNode[1];
            Await.until("both minutes written", Duration.ofSeconds(30), () -> {
                try {
                    answer[0] = grid.request(HISTORY, request, "h-bound", 10_000);
                    return answer[0] != null && answer[0].path("minutes").size() == 2;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            JsonNode old = answer[0].path("minutes").get(0);
            assertThat(old.path("baseKw").asDouble()).isEqualTo(43.0);
            assertThat(old.has("baseBoundKw") && old.get("baseBoundKw").isNull()).as("not known: %s", old).isTrue();
            JsonNode half = answer[0].path("minutes").get(1);
            assertThat(Instant.parse(half.path("minute").asText())).isEqualTo(minute);
            assertThat(half.path("baseKw").asDouble()).as("%s", half).isCloseTo(16.5, within(1e-9));
            assertThat(half.path("baseBoundKw").isNumber()).as("said: %s", half).isTrue();
            assertThat(half.path("baseBoundKw").asDouble()).as("the bound's part of it: %s", half)
                    .isCloseTo(10.0, within(1e-9));
            assertThat(new ContractSchemas(ContractDoc.read()).problems("reply", answer[0]))
                    .as("the reply by the doc's schema").isEmpty();
        }
    }

    /**
     * The grid side re-sends a command until it is answered; an accepted cap whose reply was lost may be sent again
     * after it ended. It is the same cap again, so it is answered "duplicate", not "rejected" as expired (which would
     * tell the grid side the cap was never applied).
     */
    @Test
    @Timeout(120)
    void aCapSentAgainAfterItEndedIsADuplicate() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant to = now.plusSeconds(3);
        String shortCap = cap("short-1", now.minusSeconds(60), to, 60);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);
            JsonNode first = grid.request(CAP, shortCap, "s-1", 10_000);
            assertThat(first.path("status").asText()).as("reply %s", first).isEqualTo("accepted");
            Await.until("the cap has ended", Duration.ofSeconds(30), () -> Instant.now().isAfter(to.plusSeconds(1)));

            JsonNode late = grid.request(CAP, shortCap, "s-2", 10_000);
            assertThat(late.path("status").asText()).as("a late repeat: %s", late).isEqualTo("duplicate");
            assertThat(late.path("requestId").asText()).isEqualTo("short-1");

            JsonNode other = grid.request(CAP, cap("short-2", now.minusSeconds(60), to, 60), "s-3", 10_000);
            assertThat(other.path("reason").asText()).as("another cap, already over: %s", other).startsWith("expired:");
        }
    }

    /**
     * A reply names the command it answers ({@code requestId}) whenever the command's id can be read, also when the
     * command is refused for its MQTT properties: without a response topic the grid side matches replies by it. A cap
     * refused so is a {@code cap.rejected} event too, like every other rejected cap.
     */
    @Test
    @Timeout(120)
    void aCommandRefusedForItsResponseTopicIsAnsweredWithItsId() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String replies = "orderly/v1/" + GW + "/replies";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);

            grid.send(HISTORY, "{\"v\":1,\"id\":\"h-3\",\"from\":\"" + now.minusSeconds(600) + "\",\"to\":\"" + now + "\"}");
            JsonNode history = grid.await(r -> r.topic().equals(replies)
                    && r.json().path("command").asText().equals("history"), 10_000).json();
            assertThat(history.path("status").asText()).isEqualTo("rejected");
            assertThat(history.path("requestId").asText()).as("history without a response topic: %s", history)
                    .isEqualTo("h-3");
            assertThat(history.path("reason").asText()).as("starts with the word a program matches, as every rejection")
                    .startsWith("responseTopic: ");

            // Paho will not send a response topic with a wildcard; mosquitto_pub does, and Mosquitto passes it on.
            publishWithResponseTopic(broker, CAP, cap("cap-w", now, now.plus(Duration.ofHours(1)), 60), "grid/+/replies");
            JsonNode cap = grid.await(r -> r.topic().equals(replies)
                    && r.json().path("command").asText().equals("cap"), 10_000).json();
            assertThat(cap.path("reason").asText()).startsWith("responseTopic:");
            assertThat(cap.path("requestId").asText()).as("a cap with a wildcard response topic: %s", cap)
                    .isEqualTo("cap-w");
            grid.await(r -> r.json().path("kind").asText().equals("cap.rejected")
                    && r.json().path("subject").asText().equals("cap-w"), 10_000);
            assertThat(rig.upstream.caps().get()).as("the refused cap is not applied").isEmpty();
        }
    }

    /**
     * A refusal says back what it refuses, but bounded and on one line: a response topic may be 65,535 bytes, and a
     * field's text or a pretty-printed payload may hold a line break. Until 2026-12-03 a 12,000-character response
     * topic was said back whole in the reply, the WARN and the stored {@code cap.rejected} event, and the text of
     * {@code from} (a JSON "\n" in it) and a payload written on several lines broke the WARN into lines of their own.
     */
    @Test
    @Timeout(120)
    void aRefusalSaysBackTheCommandsTextBoundedAndOnOneLine() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String replies = "orderly/v1/" + GW + "/replies";
        String longTopic = "grid/+/" + "r".repeat(12_000);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker);
             CapturedLog log = new CapturedLog()) {
            rig.awaitConnected(20_000);

            publishWithResponseTopic(broker, CAP, cap("cap-long", now, now.plus(Duration.ofHours(1)), 60), longTopic);
            JsonNode cap = grid.await(r -> r.topic().equals(replies)
                    && r.json().path("requestId").asText().equals("cap-long"), 10_000).json();
            assertThat(cap.path("reason").asText()).startsWith("responseTopic: 'grid/+/rrr").hasSizeLessThan(200);
            JsonNode event = grid.await(r -> r.json().path("kind").asText().equals("cap.rejected")
                    && r.json().path("subject").asText().equals("cap-long"), 10_000).json();
            assertThat(event.toString()).as("the stored event").hasSizeLessThan(1_000);

            JsonNode history = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-nl\",\"from\":\"2026-12-03\\n09:00:00.000 [x] INFO"
                    + " forged " + "f".repeat(3_000) + "\",\"to\":\"" + now + "\"}", "h-nl", 10_000);
            assertThat(history.path("reason").asText()).startsWith("from: '2026-12-03\\u000a09:00").hasSizeLessThan(300);

            grid.send(CAP, "{\n  \"v\": 1,\n  \"id\": \"cap-pretty\",\n  \"limitKw\": \"60\"\n}");
            grid.await(r -> r.json().path("requestId").asText().equals("cap-pretty"), 10_000);

            Await.until("the WARNs", Duration.ofSeconds(10), () -> !log.lines("cap-pretty", "rejected").isEmpty());
            assertThat(log.lines("cap-long")).as("%s", log.lines("cap-long")).hasSize(1);
            assertThat(log.lines("cap-long").get(0)).hasSizeLessThan(1_000);
            assertThat(log.lines("forged")).as("on the WARN's own line").hasSize(1)
                    .allMatch(line -> line.contains("history request h-nl rejected") && line.length() < 1_000);
            assertThat(log.lines("\"limitKw\"")).as("the payload on the WARN's line")
                    .allMatch(line -> line.contains("grid cap cap-pretty rejected"));
        }
    }

    /**
     * A history answer can be larger than the broker takes (the maximum packet size its CONNACK announced): it is not
     * sent, which would make the broker close the connection or the client refuse it, leaving the grid side without
     * an answer to ask again for ever; the request is rejected with a reason that says to ask for less.
     */
    @Test
    @Timeout(120)
    void aHistoryAnswerLargerThanTheBrokerTakesIsRejectedWithAReason() throws Exception {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(7));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_packet_size 20000"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);
            for (int m = 0; m < 360; m++) {
                Instant minute = first.plus(Duration.ofMinutes(m));
                rig.store.sample(new Sample("transformer", "power.total.kw", minute, 50.25));
                rig.store.sample(new Sample("compound", "base.kw", minute, 43.125));
                rig.store.sample(new Sample("compound", "ev.kw", minute, 7.125));
            }
            String small = "{\"v\":1,\"id\":\"h-small\",\"from\":\"" + first.plus(Duration.ofMinutes(359))
                    + "\",\"to\":\"" + first.plus(Duration.ofMinutes(360)) + "\"}";
            // the store writes the minutes at its writer's next tick; the last one is there once all are
            Await.until("the minutes written", Duration.ofSeconds(30), () -> {
                try {
                    JsonNode a = grid.request(HISTORY, small, "h-small", 10_000);
                    return a != null && a.path("minutes").size() == 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            String big = "{\"v\":1,\"id\":\"h-big\",\"from\":\"" + first + "\",\"to\":\""
                    + first.plus(Duration.ofHours(6)) + "\"}";
            JsonNode answer = grid.request(HISTORY, big, "h-big", 10_000);
            assertThat(answer).as("an answer to 6 h of minutes through a broker that takes 20000 bytes").isNotNull();
            assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("rejected");
            assertThat(answer.path("requestId").asText()).isEqualTo("h-big");
            assertThat(answer.path("reason").asText()).startsWith("out of range:").contains("20000");
            assertThat(rig.upstream.link().connects()).as("the link was never dropped").isEqualTo(1);
        }
    }

    /**
     * A command published to this gateway's topic but naming another gateway in its {@code gatewayId} (a routing fault
     * on the grid side) is rejected and changes nothing, a cap so rejected with a {@code cap.rejected} event as any
     * other; one naming this gateway is taken as one naming none.
     */
    @Test
    @Timeout(120)
    void aCommandNamingAnotherGatewayIsRejectedAndChangesNothing() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String window = "\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\"" + now.plus(Duration.ofHours(2)) + "\"";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = start(broker)) {
            rig.awaitConnected(20_000);

            JsonNode other = grid.request(CAP, "{\"v\":1,\"id\":\"cap-gw2\",\"gatewayId\":\"gw-2\"," + window
                    + ",\"limitKw\":60}", "c-1", 10_000);
            assertThat(other.path("status").asText()).as("reply %s", other).isEqualTo("rejected");
            assertThat(other.path("requestId").asText()).isEqualTo("cap-gw2");
            assertThat(other.path("reason").asText()).isEqualTo("gatewayId: this is gw-c; the command names gw-2");
            JsonNode event = grid.await(r -> r.json().path("kind").asText().equals("cap.rejected")
                    && r.json().path("subject").asText().equals("cap-gw2"), 10_000).json();
            assertThat(event.path("message").asText()).isEqualTo("gatewayId: this is gw-c; the command names gw-2");
            assertThat(rig.upstream.caps().get()).as("gw-2's cap is not applied to gw-c").isEmpty();

            JsonNode wrongKind = grid.request(CAP, "{\"v\":1,\"id\":\"cap-kind\",\"gatewayId\":1," + window
                    + ",\"limitKw\":60}", "c-2", 10_000);
            assertThat(wrongKind.path("reason").asText()).as("reply %s", wrongKind)
                    .isEqualTo("gatewayId: must be a string, not 1");

            JsonNode history = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-gw2\",\"gatewayId\":\"gw-2\",\"from\":\""
                    + now.minusSeconds(600) + "\",\"to\":\"" + now + "\"}", "h-1", 10_000);
            assertThat(history.path("status").asText()).as("reply %s", history).isEqualTo("rejected");
            assertThat(history.path("reason").asText()).isEqualTo("gatewayId: this is gw-c; the command names gw-2");

            JsonNode own = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-own\",\"gatewayId\":\"gw-c\",\"from\":\""
                    + now.minusSeconds(600) + "\",\"to\":\"" + now + "\"}", "h-2", 10_000);
            assertThat(own.path("status").asText()).as("reply %s", own).isEqualTo("ok");

            JsonNode mine = grid.request(CAP, "{\"v\":1,\"id\":\"cap-own\",\"gatewayId\":\"gw-c\"," + window
                    + ",\"limitKw\":60}", "c-3", 10_000);
            assertThat(mine.path("status").asText()).as("reply %s", mine).isEqualTo("accepted");
            assertThat(rig.upstream.caps().get()).extracting(GridCap::id).containsExactly("cap-own");
        }
    }

    private static void publishWithResponseTopic(Mosquitto broker, String topic, String payload, String responseTopic)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ExternalTools.requireProgram("mosquitto_pub", "mosquitto-clients"),
                "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-V", "mqttv5", "-q", "1", "-t", topic,
                "-m", payload, "-D", "publish", "response-topic", responseTopic).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("mosquitto_pub ended").isTrue();
        assertThat(p.exitValue()).as("mosquitto_pub: %s", new String(p.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).isZero();
    }

    private UpstreamRig start(Mosquitto broker) {
        return UpstreamRig.start(dir.resolve("orderly.db"), GW,
                UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(Duration.ofMillis(200)));
    }

    private static String cap(String id, Instant from, Instant to, double limitKw) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"limitKw\":" + limitKw + "}";
    }
}
