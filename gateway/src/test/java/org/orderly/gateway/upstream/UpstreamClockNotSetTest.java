package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.testkit.Mosquitto;

/**
 * A gateway whose clock is not set (earlier than its floor, as after a power cut on a box without a battery-backed
 * clock) against a real Mosquitto on loopback, its wall clock and monotonic ticker driven by the test: what the grid
 * side receives before and after the clock is set, and after a run that stopped before it was set.
 */
class UpstreamClockNotSetTest {
    private static final Instant BOOT = Instant.parse("1970-01-01T00:00:00Z");
    private static final ClockFloor FLOOR = new ClockFloor(Instant.parse("2026-12-01T00:00:00Z"), "the test's floor");
    private static final Instant NTP = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void whatWasStampedBeforeTheClockWasSetArrivesCorrectedByTheStepAndInOrder() throws Exception {
        ManualTime time = new ManualTime(BOOT);
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-c");
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-c",
                     UpstreamRig.plaintext(broker.url(), "gw-c").withTelemetryPeriod(Duration.ofMillis(200)), time,
                     time, FLOOR)) {
            GridSide.Received online = grid.await(r -> r.topic().equals("orderly/v1/gw-c/state"), 20_000);
            assertThat(online.json().path("state").asText()).isEqualTo("online");
            assertThat(online.json().path("ts").asText())
                    .as("the state goes out while the clock is not set, stamped with the floor, a lower bound")
                    .isEqualTo(FLOOR.at().toString());
            assertThat(online.json().path("clockSet").isBoolean()).isTrue();
            assertThat(online.json().path("clockSet").asBoolean()).isFalse();

            time.advance(Duration.ofSeconds(5));
            rig.upstream.event(new StoreEvent(time.instant(), "test", "test", "stamped while not set"));
            rig.store.session(new SessionRecord("p1@2-1", "p1", BOOT.plusSeconds(2), BOOT.plusSeconds(5), null,
                    Double.NaN, 3.5, false, true, BOOT.plusSeconds(5), 3.5));
            time.advance(Duration.ofSeconds(5));
            // One telemetry sample while the clock is not set, whether or not the sampler's own 200 ms period came
            // round before NTP below (on a loaded machine it did not: fresh-clone CI, 2026-12-03).
            assertThat(rig.upstream.telemetry().sample()).as("telemetry sampled while the clock is not set").isTrue();
            assertThat(rig.store.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(10))).isTrue();

            // NTP sets the clock after 10 s of elapsed time: the step is what the wall clock moved beyond them.
            time.set(NTP);
            Duration step = Duration.between(BOOT.plusSeconds(10), NTP);
            time.advance(Duration.ofSeconds(1));
            rig.upstream.event(new StoreEvent(time.instant(), "test", "test", "stamped once set"));

            GridSide.Received after = grid.await(r -> r.json().path("message").asText().equals("stamped once set"),
                    30_000);
            GridSide.Received before = grid.await(
                    r -> r.json().path("message").asText().equals("stamped while not set"), 30_000);
            assertThat(before.json().path("ts").asText()).isEqualTo(BOOT.plusSeconds(5).plus(step).toString());
            assertThat(before.seq()).isLessThan(after.seq());
            GridSide.Received session = grid.await(r -> r.topic().equals("orderly/v1/gw-c/sessions"), 30_000);
            assertThat(session.json().path("arrival").asText()).isEqualTo(BOOT.plusSeconds(2).plus(step).toString());
            assertThat(session.json().path("departure").asText()).isEqualTo(BOOT.plusSeconds(5).plus(step).toString());
            assertThat(session.json().path("ts").asText()).isEqualTo(BOOT.plusSeconds(5).plus(step).toString());
            // After NTP, not at it: the sample taken above, 10 s after boot, is corrected to NTP itself (the step is
            // what the wall moved beyond those 10 s); where the sampler's own period had not come round before the
            // set, it was the only telemetry from before and was taken for one from after (fresh-clone CI, loaded).
            GridSide.Received telemetryOnceSet = grid.await(r -> r.topic().equals("orderly/v1/gw-c/telemetry")
                    && Instant.parse(r.json().path("ts").asText()).isAfter(NTP), 30_000);

            List<GridSide.Received> all = grid.deduplicated();
            assertThat(all).as("no message goes out with a time from before the clock was set")
                    .allSatisfy(r -> assertThat(Instant.parse(r.json().path("ts").asText())).isAfterOrEqualTo(FLOOR.at()));
            assertThat(all).as("telemetry sampled while the clock was not set arrives, corrected")
                    .anySatisfy(r -> {
                        assertThat(r.topic()).endsWith("/telemetry");
                        assertThat(r.seq()).isLessThan(telemetryOnceSet.seq());
                        assertThat(Instant.parse(r.json().path("ts").asText()))
                                .isBetween(BOOT.plus(step), NTP);
                    });
            Map<String, List<Long>> perTopic = new TreeMap<>();
            for (GridSide.Received r : all) {
                perTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r.seq());
            }
            perTopic.forEach((topic, seqs) -> assertThat(seqs).as(topic + " in order").isSorted());
        }
    }

    /**
     * A cap sent while the clock is not set is accepted and kept to: that clock cannot judge its window (at 1970 every
     * cap is "more than 7 days ahead"), and a rejection is final, the grid side never sends it again. Until 2026-12-03
     * it was rejected so. A history request is refused as one the gateway cannot answer yet, not as one in the future.
     */
    @Test
    @Timeout(90)
    void aCapSentWhileTheClockIsNotSetIsKeptToAndAHistoryRequestIsToldWhy() throws Exception {
        ManualTime time = new ManualTime(BOOT);
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-k");
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-k",
                     UpstreamRig.plaintext(broker.url(), "gw-k"), time, time, FLOOR)) {
            grid.await(r -> r.topic().equals("orderly/v1/gw-k/state"), 20_000);

            JsonNode reply = grid.request("orderly/v1/gw-k/cmd/cap", "{\"v\":1,\"id\":\"peak-1\",\"from\":\""
                    + NTP.plus(Duration.ofHours(6)) + "\",\"to\":\"" + NTP.plus(Duration.ofHours(9))
                    + "\",\"limitKw\":60}", "c-1", 10_000);
            assertThat(reply.path("status").asText()).as("reply %s", reply).isEqualTo("accepted");
            assertThat(rig.upstream.caps().get()).extracting(GridCap::id).containsExactly("peak-1");

            JsonNode history = grid.request("orderly/v1/gw-k/cmd/history", "{\"v\":1,\"id\":\"h-1\",\"from\":\""
                    + NTP.minus(Duration.ofHours(1)) + "\",\"to\":\"" + NTP + "\"}", "h-1", 10_000);
            assertThat(history.path("status").asText()).as("reply %s", history).isEqualTo("rejected");
            assertThat(history.path("reason").asText()).startsWith("clock not set: the gateway's clock says 1970-");
        }
    }

    /**
     * A reply goes out at once, not held like the outbox's messages: while the clock is not set it is stamped as
     * {@code state} is, with the floor (a lower bound) and {@code "clockSet": false}, on a response topic and on
     * {@code replies} alike; once the clock is set, with its time. Until 2026-12-03 it carried the unset clock's 1970.
     */
    @Test
    @Timeout(90)
    void aReplyWhileTheClockIsNotSetIsStampedWithTheFloorAsStateIs() throws Exception {
        ManualTime time = new ManualTime(BOOT);
        ContractSchemas schemas = new ContractSchemas(ContractDoc.read());
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-r");
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-r",
                     UpstreamRig.plaintext(broker.url(), "gw-r"), time, time, FLOOR)) {
            grid.await(r -> r.topic().equals("orderly/v1/gw-r/state"), 20_000);
            String cap = "{\"v\":1,\"id\":\"peak-1\",\"from\":\"" + NTP.plus(Duration.ofHours(6)) + "\",\"to\":\""
                    + NTP.plus(Duration.ofHours(9)) + "\",\"limitKw\":60}";

            List<JsonNode> whileNotSet = new ArrayList<>();
            whileNotSet.add(grid.request("orderly/v1/gw-r/cmd/cap", cap, "c-1", 10_000));
            whileNotSet.add(grid.request("orderly/v1/gw-r/cmd/history", "{\"v\":1,\"id\":\"h-1\",\"from\":\""
                    + NTP.minus(Duration.ofHours(1)) + "\",\"to\":\"" + NTP + "\"}", "h-1", 10_000));
            grid.send("orderly/v1/gw-r/cmd/cap", cap);
            whileNotSet.add(grid.await(r -> r.topic().equals("orderly/v1/gw-r/replies"), 10_000).json());

            assertThat(whileNotSet).as("replies").doesNotContainNull().allSatisfy(reply -> {
                assertThat(reply.path("ts").asText()).as("reply %s", reply).isEqualTo(FLOOR.at().toString());
                assertThat(reply.path("clockSet").isBoolean()).as("reply %s", reply).isTrue();
                assertThat(reply.path("clockSet").asBoolean()).isFalse();
                assertThat(schemas.problems("reply", reply)).as("reply %s", reply).isEmpty();
            });

            time.set(NTP);
            JsonNode once = grid.request("orderly/v1/gw-r/cmd/cap", cap, "c-2", 10_000);
            assertThat(once.path("status").asText()).as("reply %s", once).isEqualTo("duplicate");
            assertThat(once.path("ts").asText()).isEqualTo(NTP.toString());
            assertThat(once.has("clockSet")).as("reply %s", once).isFalse();
        }
    }

    @Test
    @Timeout(90)
    void messagesOfARunThatStoppedBeforeItsClockWasSetAreReportedNotSent() throws Exception {
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-u")) {
            UpstreamSettings settings = UpstreamRig.plaintext(broker.url(), "gw-u")
                    .withTelemetryPeriod(Duration.ofMillis(200));
            ManualTime first = new ManualTime(BOOT);
            long lastOfFirstRun;
            try (UpstreamRig rig = UpstreamRig.start(db, "gw-u", settings, first, first, FLOOR)) {
                grid.await(r -> r.topic().equals("orderly/v1/gw-u/state"), 20_000);
                first.advance(Duration.ofMinutes(3));
                rig.upstream.event(new StoreEvent(first.instant(), "test", "test", "time never known"));
                rig.store.session(new SessionRecord("p1@60-1", "p1", BOOT.plusSeconds(60), BOOT.plusSeconds(170), null,
                        Double.NaN, 1.5, false, true, BOOT.plusSeconds(170), 1.5));
                assertThat(rig.store.flush(Duration.ofSeconds(10))).isTrue();
                rig.upstream.outbox().storeEndedSessions();
                assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(10))).isTrue();
                rig.quiet();
                lastOfFirstRun = rig.lastSeq();
            }

            ManualTime second = new ManualTime(NTP);
            try (UpstreamRig rig = UpstreamRig.start(db, "gw-u", settings, second, second, FLOOR)) {
                GridSide.Received report = grid.await(r -> r.json().path("kind").asText().equals("outbox.timeUnknown"),
                        30_000);
                String text = report.json().path("message").asText();
                assertThat(text).contains("1970-01-01T00:0").contains("not sent")
                        .as("the age bound as outbox.maxAgeHours says it").endsWith("(set aside, kept for 168 h)")
                        .as("the session that ended meanwhile is counted, not left unsent unsaid").contains("sessions=1");
                assertThat(Instant.parse(report.json().path("ts").asText())).isAfterOrEqualTo(NTP);
                Matcher range = Pattern.compile("\\(seq (\\d+)\\.\\.(\\d+);")
                        .matcher(text);
                assertThat(range.find()).as(text).isTrue();
                assertThat(report.json().path("skipped").path("from").asLong()).as("the numbers in fields too")
                        .isEqualTo(Long.parseLong(range.group(1)));
                assertThat(report.json().path("skipped").path("to").asLong()).isEqualTo(Long.parseLong(range.group(2)));
                grid.await(r -> r.topic().equals("orderly/v1/gw-u/telemetry") && r.seq() > lastOfFirstRun, 30_000);
                List<GridSide.Received> all = grid.deduplicated();
                assertThat(all).noneSatisfy(r -> assertThat(r.json().path("message").asText())
                        .isEqualTo("time never known"));
                assertThat(all).allSatisfy(r -> assertThat(Instant.parse(r.json().path("ts").asText()))
                        .isAfterOrEqualTo(FLOOR.at()));
            }
        }
    }
}
