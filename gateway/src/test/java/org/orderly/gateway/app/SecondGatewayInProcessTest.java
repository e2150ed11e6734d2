package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.store.StoreException;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;

/**
 * Two gateways in one JVM on one store (the demo, Kura, tests), the second naming it by another path (a symbolic link
 * to its directory): the second refuses before it opens the store, with the store and this process's pid, and the
 * first runs on; once the first is closed, a gateway starts on the store again. A lock file's lock is the JVM's, not
 * a thread's or an object's, so the check within one JVM is the gateway's own. Before, both ran on the store.
 */
class SecondGatewayInProcessTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aSecondGatewayInTheSameProcessRefusesUntilTheFirstIsClosed() throws Exception {
        int coap = LoopbackPorts.free();
        int modbus = LoopbackPorts.free();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createSymbolicLink(dir.resolve("link"), data);
        GatewayConfig one = config(coap, modbus, "data/orderly.db");
        GatewayConfig two = config(coap, modbus, "link/orderly.db");
        Path store = data.resolve("orderly.db");

        try (Gateway first = LiveRig.startGateway(one, dir, LiveRig.devices())) {
            assertThat(store).exists();
            assertThatThrownBy(() -> LiveRig.startGateway(two, dir, LiveRig.devices()).close())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.resolve("link/orderly.db").toString())
                    .hasMessageContaining("in use")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            long cycles = first.loop().cycles();
            long until = System.nanoTime() + 10_000_000_000L;
            while (first.loop().cycles() <= cycles && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(first.loop().cycles()).as("the first cycles on").isGreaterThan(cycles);
        }
        try (Gateway again = LiveRig.startGateway(two, dir, LiveRig.devices())) {
            assertThat(again.store().database().file()).isEqualTo(dir.resolve("link/orderly.db"));
        }
    }

    private GatewayConfig config(int coap, int modbus, String store) throws Exception {
        return ConfigLoader.parse("gw.yaml", OnePileGateway.yaml("gw-lock", coap, modbus, 200)
                + "store: { path: %s }\n".formatted(store), LiveRig.devices(), dir);
    }
}
