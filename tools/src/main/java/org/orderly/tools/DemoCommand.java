package org.orderly.tools;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.tools.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a simulated compound (config/demo/demo.yaml) on loopback, driven by the real gateway, until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "${sys:orderly.home:-.}/config/demo/demo.yaml", paramLabel = "FILE",
            description = "the demo compound (default ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--devices", defaultValue = "${sys:orderly.home:-.}/config/devices", paramLabel = "DIR",
            description = "register maps (default ${DEFAULT-VALUE})")
    Path devices;

    @Option(names = "--data", defaultValue = "orderly-data", paramLabel = "DIR",
            description = "where the SQLite store goes (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N",
            description = "time speed-up; only 1 (real time) is supported yet")
    double speed;

    @Override
    public Integer call() throws Exception {
        if (speed != 1) {
            spec.commandLine().getErr().println("demo: --speed " + speed
                    + " is not supported yet (bridges' leases and the control period run in real time); use 1");
            return 2;
        }
        GatewayConfig c;
        try {
            c = ConfigLoader.load(config, devices);
        } catch (ConfigException e) {
            e.problems().forEach(spec.commandLine().getErr()::println);
            return 2;
        }
        Demo demo = Demo.start(c, devices, data, Clock.systemUTC(), spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "orderly-demo-shutdown"));
        stopped.await();
        return 0;
    }
}
