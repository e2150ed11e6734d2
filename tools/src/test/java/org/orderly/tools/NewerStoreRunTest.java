package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.Migrations;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyChild;

/**
 * {@code orderly run} in a child JVM, as systemd runs it, on a store a newer build wrote (the package downgraded): the
 * start is refused with exit 1 and one line naming the store, its schema version and this build's, and the store is
 * left byte for byte as it was. Until 2026-12-03 the gateway started on it without a word and wrote into it.
 */
class NewerStoreRunTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(120)
    void runRefusesAStoreOfANewerSchemaWithOneLineAndExitOne() throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("gw-newer")
                + "store: { path: data/orderly.db }\n");
        Path store = dir.resolve("data/orderly.db");
        int known = Migrations.ALL.size();
        Store.open(StoreSettings.of(store, 90), Clock.systemUTC()).close();
        try (Connection c = new Database(store).open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (" + (known + 1) + ", 'a newer build''s', 0)");
        }
        byte[] before = Files.readAllBytes(store);

        ChildProcess child = orderly.start(dir, List.of("run", "--config", config.toString(), "--devices",
                OrderlyChild.shippedDevices().toString()));
        int exit = child.awaitExit(Duration.ofSeconds(60));

        String log = child.log();
        assertThat(exit).as(log).isEqualTo(1);
        assertThat(log.lines().filter(l -> l.startsWith("orderly run:")).toList()).as(log).singleElement()
                .satisfies(l -> assertThat(l).contains("cannot open store " + store)
                        .contains("schema version is " + (known + 1) + ", newer than this build's (" + known + ")"));
        assertThat(log).as("the control loop never started").doesNotContain("gateway gw-newer started");
        assertThat(Files.readAllBytes(store)).as("the store's bytes").isEqualTo(before);
    }
}
