package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.pile.FirmwareVersion;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.OnePileGateway;
import picocli.CommandLine;

/**
 * An operator's backup and restore (docs/operations.md, "Backing up and restoring the store"), with {@code orderly run}
 * in a child JVM as systemd runs it: its first line says which build starts (until 2026-12-05 nothing in the log did,
 * so after an upgrade or a downgrade the journal did not say which build ran); a backup taken as sqlite3's
 * {@code .backup} takes it while the gateway runs; {@code orderly restore} refused while the gateway holds the store,
 * nothing changed; after the stop, the backup put in place and the store it replaced kept beside it.
 */
class RestoreRunTest {
    @Test
    @Timeout(120)
    void aBackupTakenWhileRunningIsRestoredOnceTheGatewayStops(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("gw-restore")
                + "store: { path: data/orderly.db }\n");
        Path store = dir.resolve("data/orderly.db");
        Path backup = dir.resolve("backup.db");
        try (ChildProcess child = ChildProcess.startJava("orderly run", dir, List.of(), OrderlyCommand.class.getName(),
                List.of("run", "--config", config.toString(), "--devices", devices().toString()),
                dir.resolve("child.log"))) {
            child.awaitLog("orderly run: gateway 'gw-restore' started", Duration.ofSeconds(60));
            assertThat(child.log()).as("the build that starts, said first")
                    .contains("orderly " + FirmwareVersion.ofThisBuild() + " (built 20")
                    .contains("starting gateway gw-restore from " + config.toAbsolutePath());
            backUpAndRestoreWhileRunning(child, config, store, backup);
            child.terminate();
            assertThat(child.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
        }
        Run done = restore(config, backup);
        assertThat(done.exit).as(done.err).isZero();
        List<Path> replaced;
        try (Stream<Path> s = Files.list(store.getParent())) {
            replaced = s.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.replaced-\\d{8}T\\d{6}Z"))
                    .toList();
        }
        assertThat(replaced).as("the store it replaced, kept").hasSize(1);
        assertThat(done.out).contains("orderly restore: store " + store.toAbsolutePath() + " restored from " + backup)
                .contains("kept as " + replaced.get(0)).contains("begin afresh");
        assertThat(store).exists();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, restored FROM upstream_seq")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).as("the message numbers to begin again at the next start").isZero();
            assertThat(r.getInt(2)).as("marked restored, so that the next start's store.numbered says a restored"
                    + " store's numbers begin again, not a fresh store's").isEqualTo(1);
        }
    }

    /** A backup as sqlite3 .backup takes it while the gateway runs; a restore then is refused, nothing changed. */
    private static void backUpAndRestoreWhileRunning(ChildProcess child, Path config, Path store, Path backup)
            throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + backup + "'");
        }
        byte[] running = Files.readAllBytes(store);
        Run refused = restore(config, backup);
        assertThat(refused.exit).as(refused.err).isEqualTo(1);
        assertThat(refused.err).contains("orderly restore: ").contains("in use by another gateway (pid " + child.pid()
                + "); stop it first (systemctl stop orderly); nothing changed");
        assertThat(Files.readAllBytes(store)).as("nothing changed while the gateway runs").isEqualTo(running);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run restore(Path config, Path backup) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OrderlyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("restore", "--config", config.toString(), "--devices", devices().toString(),
                backup.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path devices() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("config/devices"))) {
                return d.resolve("config/devices");
            }
        }
        throw new IllegalStateException("config/devices not found above " + Path.of("").toAbsolutePath());
    }
}
