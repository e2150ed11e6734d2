package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.upstream.ContractDoc;
import org.orderly.gateway.upstream.ContractSchemas;

/**
 * docs/upstream.md, "cmd/history": each minute says, beside its {@code evKw}, the part of it no pile measured
 * ({@code evUnmeasuredKw}, the recorder's {@code ev.unmeasured.kw}), as telemetry does live. A minute recorded before
 * that part was (2026-12-04) says {@code null}, not known, which is not 0. The reply keeps to the schema of the doc,
 * the field named in it. Until 2026-12-04 the answer carried {@code evKw} alone, estimates summed in unsaid.
 */
class HistoryUnmeasuredTest {
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());
    private static final Instant TEN = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void eachMinuteSaysItsEvLoadsUnmeasuredPartOrThatItIsNotKnown(@TempDir Path dir) throws Exception {
        try (HistoryRig rig = new HistoryRig(dir, TEN.plus(Duration.ofHours(2)))) {
            Store store = rig.store;
            // 10:00 recorded before the unmeasured part was; 10:01 a silent pile meter's 7.36 kW estimate in 11 kW;
            // 10:02 all measured.
            store.sample(new Sample("compound", "ev.kw", TEN, 11));
            store.sample(new Sample("compound", "ev.kw", TEN.plus(Duration.ofMinutes(1)), 11));
            store.sample(new Sample("compound", "ev.unmeasured.kw", TEN.plus(Duration.ofMinutes(1)), 7.36));
            store.sample(new Sample("compound", "ev.kw", TEN.plus(Duration.ofMinutes(2)), 3.64));
            store.sample(new Sample("compound", "ev.unmeasured.kw", TEN.plus(Duration.ofMinutes(2)), 0));
            // A minute's samples are written once a later one of the same series closes it.
            store.sample(new Sample("compound", "ev.kw", TEN.plus(Duration.ofMinutes(3)), 3.64));
            store.sample(new Sample("compound", "ev.unmeasured.kw", TEN.plus(Duration.ofMinutes(3)), 0));
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();

            JsonNode reply = rig.ask("2026-12-04T10:00:00Z", "2026-12-04T10:03:00Z");
            JsonNode minutes = reply.path("minutes");
            assertThat(minutes).hasSize(3);
            assertThat(minutes.get(0).has("evUnmeasuredKw")).as("said, as not known: %s", minutes.get(0)).isTrue();
            assertThat(minutes.get(0).get("evUnmeasuredKw").isNull()).as("not known: %s", minutes.get(0)).isTrue();
            assertThat(minutes.get(1).path("evKw").asDouble()).isEqualTo(11.0);
            assertThat(minutes.get(1).path("evUnmeasuredKw").isNumber()).as("%s", minutes.get(1)).isTrue();
            assertThat(minutes.get(1).path("evUnmeasuredKw").asDouble()).as("the estimate").isEqualTo(7.36);
            assertThat(minutes.get(2).path("evUnmeasuredKw").isNumber()).as("%s", minutes.get(2)).isTrue();
            assertThat(minutes.get(2).path("evUnmeasuredKw").asDouble()).as("all measured").isEqualTo(0.0);
            assertThat(SCHEMAS.problems("reply", reply)).as("the reply by the doc's schema").isEmpty();
        }
    }
}
