package org.orderly.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orderly.gateway.app.BuildTime;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orderly restore}: a backup put in the store's place, the gateway stopped, renumbered so that no message id or
 * session id the grid side already has is given again (docs/operations.md, "Backing up and restoring the store").
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put a backup of the store (sqlite3 .backup) in its place, the gateway stopped; the store it"
                + " replaces is kept beside it as NAME.replaced-STAMP.")
final class RestoreCommand implements Callable<Integer>, ResultOnly {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BACKUP", description = "the backup, a copy sqlite3 .backup made")
    Path backup;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "the gateway configuration (YAML): its store.path is restored")
    Path config;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Optional<GatewayConfig> loaded = ConfigFile.load(spec.qualifiedName(), "--config", config, devices, err);
        if (loaded.isEmpty()) {
            return CheckConfigCommand.INVALID;
        }
        StoreRestore.Result r;
        try {
            r = StoreRestore.from(backup, loaded.get().store().path(), Clock.systemUTC(), BuildTime.floor().at());
        } catch (StoreException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(spec.qualifiedName() + ": store " + r.store() + " restored from "
                + r.backup() + " (schema version " + r.schemaVersion() + ")"
                + r.replaced().map(p -> "; the store it replaces is kept as " + p + withWal(p)).orElse("")
                + ". Upstream message numbers begin afresh at the next start (a store.numbered event says where),"
                + " session numbers at " + r.sessionNumbersFrom() + ", so no id given out since the backup is given"
                + " again. Start the gateway: systemctl start orderly");
        return 0;
    }

    /** Said where the replaced store kept its WAL: one SQLite could not take into it first (a damaged store's). */
    private static String withWal(Path replaced) {
        return Files.exists(replaced.resolveSibling(replaced.getFileName() + "-wal")) ? " (with its -wal and -shm)" : "";
    }
}
