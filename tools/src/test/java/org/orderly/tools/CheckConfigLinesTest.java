package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly check-config} says when the transformer has a line limit its meter cannot see: a meter whose map reads
 * no line's power nor current leaves each line's room to an even split of the households' load.
 */
class CheckConfigLinesTest {
    private static final Path DIR = Path.of("src/test/resources/check-config");
    private static final String DEVICES = "../config/devices";

    private static Path withTransformerMeter(Path dir, String meter, String transformer) throws IOException {
        String valid = Files.readString(DIR.resolve("valid.yaml"))
                .replace("  transformer: { bus: room-645, dlt645: { address: \"000000123456\" } }", meter)
                .replace("  transformer: { limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }", transformer)
                // The DL/T 645 bus had the transformer meter only: left in with nothing on it, it is a warning.
                .replace("  - name: room-645\n    protocol: dlt645\n    serial: { port: /dev/ttyUSB1 }\n", "");
        return Files.writeString(dir.resolve("orderly.yaml"), valid);
    }

    @Test
    void aMeterThatReadsNoLineUnderALineLimitIsAWarning(@TempDir Path dir) throws IOException {
        Path file = withTransformerMeter(dir, "  transformer: { bus: room, unit: 1, map: generic }",
                "  transformer: { limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }");

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(file + ": OK: gateway gw-room-7, ").doesNotContain("\n");
        // With check-config's other warnings, on standard error before the summary, at the map the installer must
        // change, and once.
        assertThat(r.err().lines().filter(l -> l.contains("reads neither")))
                .containsExactly(file + ":19:43: warning: transformer meter 'transformer' (map 'generic') reads"
                + " neither each line's power (power.a.kw, power.b.kw, power.c.kw) nor each line's current (current.a.a,"
                + " current.b.a, current.c.a), so each line's room of phaseLimitA 600 A takes the households' load as"
                + " split evenly over A, B and C: a line they load more than the others can be overloaded; read the"
                + " lines to keep to each");
    }

    @Test
    void aMeterThatReadsTheLinesOrNoLineLimitIsNoWarning(@TempDir Path dir) throws IOException {
        Path phases = withTransformerMeter(Files.createDirectory(dir.resolve("phases")),
                "  transformer: { bus: room, unit: 1, map: chint-dtsu666 }",
                "  transformer: { limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }");
        Path noLineLimit = withTransformerMeter(Files.createDirectory(dir.resolve("total")),
                "  transformer: { bus: room, unit: 1, map: generic }",
                "  transformer: { limitKw: 400, phaseVoltageV: 230 }");

        for (Path file : new Path[] {phases, noLineLimit, DIR.resolve("valid.yaml")}) {
            OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out() + r.err()).as(file.toString()).doesNotContain("warning");
        }
    }
}
