package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.LoopbackPorts;
import org.osgi.framework.Bundle;

/**
 * The gateway configured through ConfigAdmin, as Kura's form and its cloud connection do: it starts, a changed
 * configuration restarts it, a disabled or deleted one stops it; a configuration it cannot take is refused with the
 * gateway running on, and after a restart the last good one runs.
 */
class KuraConfigurationIT extends KuraBundleFixture {
    private static final String KURA_CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";

    @Test
    void configuredThroughConfigAdminTheGatewayRunsRestartsAndStops() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = installed(felix);
            assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
            assertThat(felix.references(STATUS, null)).as("nothing runs before it is configured").isNull();

            Object metatype = felix.service("org.osgi.service.metatype.MetaTypeService", null);
            Object info = FelixRuntime.call(metatype, "getMetaTypeInformation", bundle);
            Object ocd = FelixRuntime.call(info, "getObjectClassDefinition", PID, null);
            Object[] attributes = (Object[]) FelixRuntime.call(ocd, "getAttributeDefinitions", -1);
            List<Object> ids = Arrays.stream(attributes).map(a -> id(a)).toList();
            assertThat(ids).containsExactlyInAnyOrder("enabled", "configFile", "devicesDir");

            Object configuration = configuration(felix);
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", config.toString())));

            assertThat(FelixRuntime.await(PATIENCE, () -> status(felix, "cycles") instanceof Long c && c > 3
                    && "NORMAL".equals(status(felix, "mode")) && bridge.leased()))
                    .as("control loop cycling in NORMAL mode with a leased pile; problem: %s", status(felix, "problem"))
                    .isTrue();
            assertThat(dir.resolve("orderly.db")).exists();
            assertThat(felix.references(KURA_CONFIGURABLE, null)).as("no Kura here: no Kura UI component").isNull();

            // A changed configuration restarts the gateway from the new file.
            Path second = writeConfig("second.yaml", "second.db");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", second.toString())));
            assertThat(FelixRuntime.await(PATIENCE, () -> Files.exists(dir.resolve("second.db"))
                    && status(felix, "cycles") instanceof Long c && c > 3)).isTrue();

            FelixRuntime.call(configuration, "update",
                    settings(Map.of("configFile", second.toString(), "enabled", false)));
            assertThat(FelixRuntime.await(PATIENCE, () -> Boolean.FALSE.equals(status(felix, "running")))).isTrue();
            assertThat(status(felix, "cycles")).isEqualTo(0L);

            Path missing = dir.resolve("nowhere.yaml");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", missing.toString())));
            assertThat(FelixRuntime.await(PATIENCE,
                    () -> String.valueOf(status(felix, "problem")).contains(missing.toString())))
                    .as("problem: %s", status(felix, "problem")).isTrue();
            assertThat(status(felix, "running")).isEqualTo(false);

            Path rejected = dir.resolve("rejected.yaml");
            Files.writeString(rejected, Files.readString(config).replace("limitKw: 40", "limitKW: 40"));
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", rejected.toString())));
            assertThat(FelixRuntime.await(PATIENCE,
                    () -> String.valueOf(status(felix, "problem")).contains("rejected.yaml:3:")))
                    .as("problem: %s", status(felix, "problem")).isTrue();
            assertThat(String.valueOf(status(felix, "problem"))).contains("configuration rejected", "limitKw");
            assertThat(status(felix, "running")).isEqualTo(false);

            FelixRuntime.call(configuration, "delete");
            assertThat(FelixRuntime.await(PATIENCE, () -> referencesOrNull(felix, STATUS) == null)).isTrue();
        }
    }

    /**
     * Kura's form and its cloud connection are remote inputs: a change the gateway cannot take is refused with one line
     * naming the setting (or the file's line) and the value, in the log and in the status, and the gateway runs on
     * from the configuration it had; a good change restarts it on the same store, its outbox kept.
     */
    @Test
    void aRejectedChangeLeavesTheGatewayRunningOnItsLastGoodConfiguration() throws Exception {
        int noBroker = LoopbackPorts.free();
        String upstream = "upstream: { broker: \"tcp://127.0.0.1:%d\", plaintext: true, telemetryPeriodMs: 200 }\n"
                .formatted(noBroker);
        Path good = writeConfig("orderly.yaml", "orderly.db", upstream);
        Path db = dir.resolve("orderly.db");
        String text = Files.readString(good);
        Path nowhere = dir.resolve("nowhere.yaml");
        Path noMaps = dir.resolve("no-maps");
        List<Case> cases = List.of(
                new Case("configFile missing", Map.of("enabled", true), "configFile: not set"),
                new Case("configFile an integer", Map.of("configFile", 42), "configFile 42 (Integer)"),
                new Case("configFile relative", Map.of("configFile", "orderly.yaml"),
                        "configFile 'orderly.yaml': not an absolute path"),
                new Case("configFile missing on disk", Map.of("configFile", nowhere.toString()),
                        "configFile " + nowhere + ": no such file"),
                new Case("enabled a word", Map.of("configFile", good.toString(), "enabled", "yes"),
                        "enabled 'yes': must be true or false"),
                new Case("devicesDir missing on disk",
                        Map.of("configFile", good.toString(), "devicesDir", noMaps.toString()),
                        "devicesDir " + noMaps + ": no such directory of register maps"),
                yamlCase(text, "negative.yaml", "limitKw: 40", "limitKw: -40",
                        ":3:27: 'limitKw' in compound.transformer must be within 1..10000 (kW), was -40"),
                yamlCase(text, "zero.yaml", "limitKw: 40", "limitKw: 0",
                        ":3:27: 'limitKw' in compound.transformer must be within 1..10000 (kW), was 0"),
                yamlCase(text, "nan.yaml", "limitKw: 40", "limitKw: .nan",
                        ":3:27: 'limitKw' in compound.transformer must be a number (kW), was '.nan'"),
                yamlCase(text, "word.yaml", "limitKw: 40", "limitKw: forty",
                        ":3:27: 'limitKw' in compound.transformer must be a number (kW), was 'forty'"),
                yamlCase(text, "meter-map.yaml", "map: eastron-sdm630", "map: eastron-sdm999",
                        ":7:43: no register map 'eastron-sdm999' in "),
                yamlCase(text, "pile-map.yaml", "driver: { coap: { host: 127.0.0.1, port: %d, plain: true } }"
                        .formatted(bridge.port()), "driver: { modbus: { bus: room, unit: 2, map: piles/nope } }",
                        ":5:82: no register map 'piles/nope' in "));
        // Loads, but the gateway cannot start on it: its store would be in a directory that is a file.
        Files.writeString(dir.resolve("blocker"), "");
        Path blocked = dir.resolve("blocked.yaml");
        Files.writeString(blocked, text.replace("path: orderly.db", "path: blocker/orderly.db"));
        Path second = dir.resolve("second.yaml");
        Files.writeString(second, text.replace("periodMs: 250", "periodMs: 300"));

        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            installed(felix);
            Object configuration = configuration(felix);
            runOn(felix, configuration, good);
            assertThat(FelixRuntime.await(PATIENCE, () -> !outbox(db).isEmpty()))
                    .as("telemetry waits in the outbox").isTrue();

            SoftAssertions soft = new SoftAssertions();
            for (Case c : cases) {
                if (!running(felix)) {
                    runOn(felix, configuration, good); // the gateway stopped at the case before: each case from running
                }
                long before = cycles(felix);
                int mark = log.mark();
                FelixRuntime.call(configuration, "update", settings(c.settings()));
                FelixRuntime.await(PATIENCE, () -> problem(felix).contains(c.expected()) && running(felix)
                        && cycles(felix) > before && log.since(mark).stream().anyMatch(l -> rejects(l, c.expected())));
                soft.assertThat(problem(felix)).as("%s: the status's problem", c.name())
                        .contains("configuration rejected", c.expected(), "the gateway runs on from " + good);
                soft.assertThat(running(felix) && cycles(felix) > before)
                        .as("%s: the gateway started from %s goes on cycling, past its %d cycles",
                                c.name(), good, before)
                        .isTrue();
                soft.assertThat(log.since(mark)).as("%s: the same gateway, never stopped", c.name())
                        .noneMatch(l -> l.contains("gateway gw-kura-test stopped"));
                soft.assertThat(log.since(mark)).as("%s: a log line naming the setting and the value", c.name())
                        .anyMatch(l -> rejects(l, c.expected()));
            }

            // Taken, but the gateway fails to start on it: the last good configuration is started again.
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", blocked.toString())));
            FelixRuntime.await(PATIENCE,
                    () -> problem(felix).contains("the gateway runs again from") && cycles(felix) > 3);
            soft.assertThat(problem(felix)).as("a configuration the gateway cannot start on")
                    .contains("configuration rejected", "configFile " + blocked + ": the gateway did not start",
                            "the gateway runs again from " + good);
            soft.assertThat(running(felix) && cycles(felix) > 3).as("the gateway cycles again from %s", good).isTrue();

            // A good change: the gateway restarts from it, on the same store, nothing of it lost.
            if (!running(felix)) {
                runOn(felix, configuration, good);
            }
            List<Long> queued = outbox(db);
            long events = count(db, "events");
            int mark = log.mark();
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", second.toString())));
            assertThat(FelixRuntime.await(PATIENCE, () -> log.since(mark).stream()
                    .anyMatch(l -> l.contains("gateway gw-kura-test started") && l.contains("period 300 ms"))
                    && cycles(felix) > 3)).as("restarted from %s", second).isTrue();
            soft.assertThat(problem(felix)).as("a good change clears the refusal").isEqualTo("");
            // A held online never acknowledged is set aside at a start, with an event (docs/upstream.md): kept, not
            // sent.
            soft.assertThat(Stream.concat(outbox(db).stream(), setAside(db).stream()))
                    .as("every message waiting before the restart still waits, or is set aside").containsAll(queued);
            soft.assertThat(outbox(db).get(outbox(db).size() - 1)).as("numbers go on after the restart")
                    .isGreaterThan(queued.get(queued.size() - 1));
            soft.assertThat(count(db, "events")).as("the events recorded before the restart")
                    .isGreaterThanOrEqualTo(events);
            soft.assertAll();
        }
    }

    /**
     * ConfigAdmin keeps a refused configuration as the form saved it and gives it again at each start of the bundle or
     * the framework: the gateway then starts from the last configuration it ran on, kept in the bundle's data area,
     * and one log line says what was refused and what runs instead. What the operator turned off or deleted is never
     * run again that way.
     */
    @Test
    void afterARestartARefusedConfigurationLeavesTheLastGoodOneRunning() throws Exception {
        Path good = writeConfig("orderly.yaml", "orderly.db");
        Path nowhere = dir.resolve("nowhere.yaml");
        Path storage = dir.resolve("felix");
        String refused = "configFile " + nowhere + ": no such file";
        try (LogTap log = LogTap.start()) {
            try (FelixRuntime felix = new FelixRuntime(storage)) {
                Bundle bundle = installed(felix);
                Object configuration = configuration(felix);
                runOn(felix, configuration, good);
                FelixRuntime.call(configuration, "update", settings(Map.of("configFile", nowhere.toString())));
                assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).contains(refused)))
                        .as("problem: %s", problem(felix)).isTrue();
                assertThat(problem(felix)).endsWith("the gateway runs on from " + good);
                // The component says the problem before it logs it: the line of this refusal is awaited, or it could
                // come after the mark below and be counted as the restart's.
                assertThat(FelixRuntime.await(PATIENCE, () -> log.since(0).stream()
                        .anyMatch(l -> l.contains("configuration rejected") && l.contains("runs on from " + good))))
                        .as("the refusal's line in the log").isTrue();

                // The bundle restarted (an operator in Kura's UI, an update of the package).
                int mark = log.mark();
                bundle.stop();
                bundle.start();
                assertRunsOnLastGood(felix, log, mark, refused, good);
            }
            // The framework restarted (Kura after a reboot), ConfigAdmin giving the refused configuration again.
            int mark = log.mark();
            try (FelixRuntime felix = FelixRuntime.restart(storage)) {
                assertRunsOnLastGood(felix, log, mark, refused, good);
                Object configuration = configuration(felix);
                Bundle bundle = felix.context.getBundle(LOCATION);

                // Turned off, then refused: nothing runs, neither now nor after a restart.
                FelixRuntime.call(configuration, "update",
                        settings(Map.of("configFile", good.toString(), "enabled", false)));
                assertThat(FelixRuntime.await(PATIENCE, () -> !running(felix) && problem(felix).isEmpty()))
                        .as("disabled, the refusal before it cleared").isTrue();
                FelixRuntime.call(configuration, "update", settings(Map.of("configFile", nowhere.toString())));
                assertNotRunning(felix, refused, "refused after the gateway was turned off");
                bundle.stop();
                bundle.start();
                assertNotRunning(felix, refused, "the same, the bundle restarted");

                // Deleted, then a new configuration refused: nothing runs.
                runOn(felix, configuration, good);
                FelixRuntime.call(configuration, "delete");
                assertThat(FelixRuntime.await(PATIENCE, () -> referencesOrNull(felix, STATUS) == null)).isTrue();
                Object fresh = configuration(felix);
                FelixRuntime.call(fresh, "update", settings(Map.of("configFile", nowhere.toString())));
                assertNotRunning(felix, refused, "refused after the configuration was deleted");
            }
        }
    }

    /**
     * An installer who installs the package before copying the configuration file onto the box sees it refused (no
     * such file) with no gateway running; once the file is there, saving the form again (the same settings) starts
     * the gateway: the component reads the file at each configuration it is given, and ConfigAdmin gives it again.
     */
    @Test
    void aFileCopiedAfterItWasRefusedIsTakenWhenTheFormIsSavedAgain() throws Exception {
        Path later = dir.resolve("later.yaml");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            installed(felix);
            Object configuration = configuration(felix);
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", later.toString())));
            String refused = "configuration rejected: configFile " + later
                    + ": no such file; the gateway is not running";
            assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).equals(refused)))
                    .as("problem: %s", problem(felix)).isTrue();
            assertThat(running(felix)).isFalse();

            Files.move(writeConfig("copied.yaml", "orderly.db"), later);
            runOn(felix, configuration, later);
            assertThat(problem(felix)).isEmpty();
        }
    }

    private static void assertRunsOnLastGood(FelixRuntime felix, LogTap log, int mark, String refused, Path good)
            throws Exception {
        String instead = "the gateway runs from the last good configuration, configFile " + good;
        assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3
                && problem(felix).contains(refused))).as("running; problem: %s", problem(felix)).isTrue();
        assertThat(problem(felix)).contains(instead);
        assertThat(log.since(mark).stream().filter(l -> l.contains("configuration rejected")).toList())
                .as("one line: what was refused and what runs instead")
                .singleElement().satisfies(l -> assertThat(l).contains(refused, instead));
    }

    private static void assertNotRunning(FelixRuntime felix, String refused, String what) throws Exception {
        assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).contains(refused)))
                .as("%s; problem: %s", what, problem(felix)).isTrue();
        assertThat(problem(felix)).as(what).endsWith("the gateway is not running");
        assertThat(running(felix)).as(what).isFalse();
    }

    private record Case(String name, Map<String, Object> settings, String expected) {
    }

    private Case yamlCase(String text, String name, String from, String to, String expected) throws Exception {
        assertThat(text).contains(from);
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace(from, to));
        return new Case(name + " (" + to + ")", Map.of("configFile", file.toString()), file + expected);
    }

    private static boolean rejects(String logLine, String expected) {
        return logLine.contains("configuration rejected") && logLine.contains(expected);
    }

    /** The numbers of the messages in the store's outbox, lowest first. */
    private static List<Long> outbox(Path db) {
        return seqs(db, "outbox");
    }

    private static List<Long> setAside(Path db) {
        return seqs(db, "outbox_set_aside");
    }

    private static List<Long> seqs(Path db, String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM " + table + " ORDER BY seq")) {
            List<Long> seqs = new ArrayList<>();
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
            return seqs;
        } catch (SQLException e) {
            return List.of(); // not made yet
        }
    }

    private static long count(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getLong(1);
        }
    }

    private static Object id(Object attribute) {
        try {
            return FelixRuntime.call(attribute, "getID");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
