package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} also checks the store file ({@code store.path}) and says in plain words when it is damaged,
 * and what the gateway will do about it; it changes nothing. The devices of the configuration answer nowhere here
 * (ports nothing listens on): their rows fail, as in any rig without them.
 */
class SelftestStoreTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path config() throws Exception {
        return SelftestYaml.answeringNowhere(dir, "");
    }

    private OrderlyRun selftest() throws Exception {
        return OrderlyRun.of("selftest", "--config", config().toString(), "--devices", DEVICES.toString(), "--wait-s", "1");
    }

    @Test
    void aDamagedStoreIsReportedInPlainWords() throws Exception {
        Path store = Files.createDirectories(dir.resolve("data")).resolve("orderly.db");
        byte[] junk = new byte[8192];
        new Random(3).nextBytes(junk);
        Files.write(store, junk);

        OrderlyRun r = selftest();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).as(r.out() + r.err()).containsPattern("store " + java.util.regex.Pattern.quote(
                store.toAbsolutePath().normalize().toString()) + ": DAMAGED: .*not a database.*moves it aside.*next start");
        assertThat(Files.readAllBytes(store)).as("selftest changes nothing").isEqualTo(junk);
    }

    @Test
    void aSoundStoreAndNoStoreYetAreSaidSo() throws Exception {
        assertThat(selftest().out()).contains("store ").contains(": not made yet (the gateway makes it at its first start)");
        Path store = dir.resolve("data/orderly.db");
        try (Store s = Store.open(StoreSettings.of(store, 90), Clock.systemUTC())) {
            s.event("test", "rig", "made");
        }
        assertThat(selftest().out()).contains("store ").contains(": ok (quick_check)");
    }
}
