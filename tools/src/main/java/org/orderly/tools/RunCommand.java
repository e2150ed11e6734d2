package org.orderly.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orderly.bridge.pile.FirmwareVersion;
import org.orderly.gateway.app.BuildTime;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.Startup;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.log.CountingAsyncAppender;
import org.orderly.log.LogAtExit;
import org.orderly.serial.StopOnSignal;
import org.orderly.tools.systemd.LoopWatchdog;
import org.orderly.tools.systemd.ServiceManager;
import org.orderly.tools.systemd.WatchdogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway from a configuration file until stopped.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the gateway configuration (YAML)")
    Path config;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Override
    public Integer call() throws Exception {
        Optional<GatewayConfig> loaded = ConfigFile.load(spec.qualifiedName(), "--config", config, devices,
                spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return 2;
        }
        GatewayConfig c = loaded.get();
        // Which build runs: after an upgrade or a downgrade of the package the journal must say which one started (or
        // refused to), and snapshot builds share a version, so the time it was made says it apart.
        LOG.info("orderly {} (built {}) starting gateway {} from {}", FirmwareVersion.ofThisBuild(),
                BuildTime.floor().at(), c.gatewayId(), config.toAbsolutePath());
        Path dir = config.toAbsolutePath().getParent();
        // Under systemd (Type=notify, WatchdogSec=): READY=1 and WATCHDOG=1 only while the control loop cycles.
        Optional<Duration> watchdogInterval;
        try {
            watchdogInterval = WatchdogSettings.interval(System.getenv(), ProcessHandle.current().pid());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("orderly run: systemd notification: " + e.getMessage());
            return 1;
        }
        Startup startup = Startup.of("orderly run");
        StopOnSignal signal = StopOnSignal.install("orderly-run-shutdown", startup::stop, LogAtExit::flush);
        Gateway gateway;
        try {
            ServiceManager systemd;
            try (Startup.Step step = startup.begin("systemd notify socket")) {
                systemd = step.started(ServiceManager.fromEnvironment());
            } catch (IOException e) {
                startup.close();
                spec.commandLine().getErr().println("orderly run: systemd notification: " + e.getMessage());
                return 1;
            }
            gateway = Gateway.start(c, dir, devices.maps(config), Clock.systemUTC(), TimeScale.REAL, List::of, startup);
            Optional<CountingAsyncAppender> log = CountingAsyncAppender.ofThisProcess();
            if (log.isPresent()) {
                try (Startup.Step step = startup.begin("log's dropped lines as events")) {
                    step.started(DroppedLogEvents.into(gateway.store(), c.gatewayId(), log.get()));
                }
            }
            try (Startup.Step step = startup.begin("systemd watchdog")) {
                step.started(new LoopWatchdog(gateway.loop()::cycles, c.control().period(),
                        gateway.ticker(), systemd, watchdogInterval)).start();
            }
            startup.complete();
        } catch (Startup.Stopped e) {
            return signal.awaitStop();
        } catch (Exception | Error e) {
            startup.close();
            throw e;
        }
        spec.commandLine().getOut().println("orderly run: gateway '" + c.gatewayId() + "' started; store "
                + c.store().path() + "; stop with Ctrl-C");
        gateway.web().ifPresent(web -> spec.commandLine().getOut().println("  local page: " + web.url()
                + (web.setupUrl() == null ? "" : "; first start: set the installer's password once at " + web.setupUrl())));
        spec.commandLine().getOut().flush();
        signal.await();
        return 0;
    }
}
