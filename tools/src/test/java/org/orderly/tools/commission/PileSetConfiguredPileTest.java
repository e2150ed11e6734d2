package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyRun;

/**
 * Given the gateway's configuration ({@code --config}), {@code pile get} and {@code pile set} reach one of its piles:
 * the one {@code --id} names, or the one at the address given. An {@code --id} the configuration has not, and a limit
 * outside the pile's range there (0, a pause, or minA..maxA), are bad input: one line, exit 2, nothing sent to the real
 * bridge. Until 2026-12-06 the configuration gave only the zone, and both were sent (the bridge refusing the limit, exit
 * 1, or taking 20 A for a pile the gateway holds to 16 A).
 */
class PileSetConfiguredPileTest {
    @TempDir
    Path dir;

    @Test
    void anIdTheConfigurationHasNotIsOneLineAndNothingIsSent() throws Exception {
        try (Bridge b = new Bridge("p9")) {
            Path config = config(b.port());
            OrderlyRun set = run(b, config, "set", "10", "--id", "p9");
            OrderlyRun get = run(b, config, "get", "--id", "p9");

            assertThat(set.exit()).as(set.out() + set.err()).isEqualTo(2);
            assertThat(set.out()).isEmpty();
            assertThat(set.err().lines()).containsExactly("orderly pile set: --id p9 is no pile of --config " + config
                    + " (its piles: p1): give the id it has there, or leave out --config; nothing was sent");
            assertThat(get.exit()).as(get.out() + get.err()).isEqualTo(2);
            assertThat(get.err().lines()).singleElement().asString().startsWith("orderly pile get: --id p9 is no pile of --config ");
            assertThat(b.pile.leaseExpiry()).as("no limit was sent").isEmpty();
        }
    }

    @Test
    void aLimitOutsideThePilesRangeInTheConfigurationIsOneLineAndNothingIsSent() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            Path config = config(b.port());
            // above its maxA 16, though within the bridge's 6 to 32 A: named by --id
            OrderlyRun above = run(b, config, "set", "20", "--id", "p1");
            OrderlyRun below = run(b, config, "set", "3"); // below its minA 6: named by its address alone

            assertThat(above.exit()).as(above.out() + above.err()).isEqualTo(2);
            assertThat(above.err().lines()).containsExactly("orderly pile set: AMPS 20 is outside the range of pile p1 in --config "
                    + config + ": 0 (pause) or 6..16 A (its minA and maxA); nothing was sent");
            assertThat(below.exit()).as(below.out() + below.err()).isEqualTo(2);
            assertThat(below.err().lines()).containsExactly("orderly pile set: AMPS 3 is outside the range of pile p1 in --config "
                    + config + ": 0 (pause) or 6..16 A (its minA and maxA); nothing was sent");
            assertThat(b.pile.leaseExpiry()).as("no limit was sent").isEmpty();

            OrderlyRun pause = run(b, config, "set", "0", "--id", "p1");
            assertThat(pause.exit()).as(pause.err()).isZero();
            assertThat(pause.out()).startsWith("set 0 A for 60 s; read back: p1: ");
        }
    }

    /**
     * A bridge holding a lease this command did not send, given a configuration whose gateway does not run: the line
     * says how often that gateway would send its own limit again, from the configuration's ttlSeconds (12 s: every 4 s).
     * Until 2026-12-06 it said {@code 10 s at the default ttlSeconds 30} whatever the configuration.
     */
    @Test
    void anotherLeaseSaysTheRenewalOfTheConfiguredTtl() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), Files.readString(config(b.port()))
                    .replace("plain: true }", "plain: true, ttlSeconds: 12 }"));
            OrderlyRun first = run(b, config, "set", "13", "--id", "p1");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.err()).doesNotContain("holds a lease");

            OrderlyRun second = run(b, config, "set", "13", "--id", "p1");
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.err().lines()).as(second.err()).singleElement().asString().matches("p1: the pile holds a lease until "
                    + "\\S+ that this command did not send: something else drives it, .* or an earlier pile set; the gateway on "
                    + "--config " + java.util.regex.Pattern.quote(config.toString()) + " sends its own limit again at each change "
                    + "and at least every 4 s \\(the renewal of its 12 s lease\\), which replaces this one");
        }
    }

    /** {@code orderly pile ARGS} against bridge {@code b} (plain), given {@code config}. */
    private static OrderlyRun run(Bridge b, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("pile"));
        all.addAll(List.of(args));
        all.addAll(List.of("--coap", "127.0.0.1", "--coap-port", Integer.toString(b.port()), "--plain", "--config", config.toString()));
        return OrderlyRun.of(all.toArray(String[]::new));
    }

    /** Pile p1, 6 to 16 A, the bridge at {@code coapPort}. */
    private Path config(int coapPort) throws Exception {
        return Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("gw-commissioning", coapPort,
                LoopbackPorts.free(), 500) + "store: { path: data/orderly.db }\n");
    }
}
