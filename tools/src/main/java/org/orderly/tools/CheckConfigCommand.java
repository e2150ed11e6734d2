package org.orderly.tools;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.OwnMaps;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.text.AsWritten;
import org.orderly.text.Count;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates a configuration file exactly as the gateway does at start ({@link ConfigLoader}), without starting
 * anything: every problem on its own line {@code file:line:column: what; hint}, exit 2 when there is any, else
 * one summary line and exit 0, after any warnings ({@code file:line:column: warning: what; hint}) on standard error.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a gateway configuration: every problem as FILE:LINE:COLUMN: what; hint. Exit 0 when fine, 2 when not.")
final class CheckConfigCommand implements Callable<Integer>, ResultOnly {
    static final int INVALID = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the gateway configuration (YAML)")
    Path file;

    // selftest and run take the file as --config: an installer types it here too.
    @Option(names = "--config", paramLabel = "FILE", description = "the same, as selftest and run take it")
    Path config;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if ((file == null) == (config == null)) {
            throw new IllegalArgumentException(file == null ? "give the configuration file: orderly check-config FILE (or --config FILE)"
                    : "give the configuration file once: FILE or --config FILE, not both");
        }
        if (file == null) {
            file = config;
        }
        // Not a problem of the file, so not FILE:LINE: named by the command, as every other command names it.
        Optional<String> badDevices = devices.problem(devices.maps(file));
        if (badDevices.isPresent()) {
            err.println(spec.qualifiedName() + ": " + badDevices.get());
            return INVALID;
        }
        Optional<GatewayConfig> loaded = ConfigFile.load(null, null, file, devices, err, true);
        if (loaded.isEmpty()) {
            return INVALID;
        }
        GatewayConfig c = loaded.get();
        c.warnings().forEach(err::println); // the exit stays 0: a compound may accept each knowingly
        spec.commandLine().getOut().println(summary(file, c));
        OwnMaps.lines(c, devices.maps(file)).forEach(spec.commandLine().getOut()::println);
        return 0;
    }

    static String summary(Path file, GatewayConfig c) {
        long dlt = c.pileMeters().stream().filter(m -> m.isDlt645()).count() + (c.transformerMeter().isDlt645() ? 1 : 0);
        return file + ": OK: gateway " + c.gatewayId() + ", transformer " + AsWritten.number(c.transformer().limitKw())
                + " kW, "
                + Count.of(c.piles().size(), "pile") + ", " + Count.of(c.circuits().size(), "circuit") + ", "
                + Count.of(1 + c.pileMeters().size(), "meter") + " (" + dlt + " DL/T 645) on "
                + Count.of(c.buses().size(), "bus", "buses") + ", " + Count.of(c.tariffPeriods().size(), "tariff period")
                + keepingLastLimit(c);
    }

    /** Piles accepted without a watchdog register, said where the installer looks: a limit of theirs is no lease. */
    private static String keepingLastLimit(GatewayConfig c) {
        return c.piles().stream()
                .filter(p -> p.driver() instanceof PileDriver.Modbus m && m.lapse() == PileDriver.Lapse.KEEPS_LAST_LIMIT)
                .map(p -> "; pile " + p.pile().id() + " does not fall back on its own (keepsLastLimit: accepted): it keeps its "
                        + "last limit while the gateway is stopped")
                .collect(java.util.stream.Collectors.joining());
    }
}
