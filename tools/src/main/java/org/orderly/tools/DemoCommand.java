package org.orderly.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orderly.gateway.app.Startup;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.StoreLock;
import org.orderly.gateway.web.WebBindException;
import org.orderly.log.LogAtExit;
import org.orderly.serial.StopOnSignal;
import org.orderly.text.Unwritable;
import org.orderly.tools.demo.Demo;
import org.orderly.tools.demo.DemoBroker;
import org.orderly.tools.demo.DemoCompound;
import org.orderly.tools.demo.DemoMqtt;
import org.orderly.tools.demo.DemoPorts;
import org.orderly.tools.demo.PeerPortTaken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a simulated compound on loopback, driven by the real gateway, until Ctrl-C.",
                "The compound (the shape of config/demo/demo.yaml scaled to --piles) is written to the data"
                        + " directory as demo-N.yaml and loaded like any gateway configuration; --config runs a given"
                        + " file instead."})
final class DemoCommand implements Callable<Integer> {
    /** Beyond this a 1-second cycle spans more than a few minutes of the day and the plan's 15-minute slots blur. */
    static final int MAX_SPEED = 300;

    @Spec
    CommandSpec spec;

    @Option(names = "--piles", defaultValue = "" + DemoCompound.DEFAULT_PILES, paramLabel = "N",
            description = "piles of the generated compound, 1 to " + DemoCompound.MAX_PILES + " (default ${DEFAULT-VALUE}); a"
                    + " bridge per pile on consecutive ports, so first port + N - 1 must stay within 65535")
    int piles;

    @Option(names = "--meter-port", defaultValue = "" + DemoCompound.DEFAULT_METER_PORT, paramLabel = "PORT",
            description = "loopback Modbus TCP port of the transformer meter (default ${DEFAULT-VALUE})")
    int meterPort;

    @Option(names = "--first-pile-port", defaultValue = "" + DemoCompound.DEFAULT_FIRST_PILE_PORT, paramLabel = "PORT",
            description = "loopback CoAP port of the first pile's bridge (default ${DEFAULT-VALUE})")
    int firstPilePort;

    @Option(names = "--web-port", defaultValue = "" + DemoCompound.DEFAULT_WEB_PORT, paramLabel = "PORT",
            description = "loopback port of the local page (default ${DEFAULT-VALUE}; 0 picks a free one); with"
                    + " --config it replaces the file's web.port")
    int webPort;

    @Option(names = "--broker-port", defaultValue = "" + DemoBroker.DEFAULT_PORT, paramLabel = "PORT",
            description = "loopback port of the embedded MQTT broker (default ${DEFAULT-VALUE})")
    int brokerPort;

    @Option(names = "--broker", paramLabel = "URL",
            description = "use this MQTT v5 broker on this machine, tcp://127.0.0.1:PORT (plaintext; no TLS or login),"
                    + " instead of starting the embedded one")
    String broker;

    @Option(names = "--config", paramLabel = "FILE",
            description = "run this demo configuration instead of generating one (e.g. config/demo/demo.yaml)")
    Path config;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Option(names = "--data", defaultValue = "orderly-data", paramLabel = "DIR",
            description = "where the generated configuration and the SQLite store go (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--no-gateway", description = "start only the simulated meter and bridges; run the gateway"
            + " separately with `orderly run --config DATA/demo-N.yaml` (e.g. to measure its heap in its own JVM)")
    boolean noGateway;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N",
            description = "run the compound's day N times faster than real time, 1 to " + MAX_SPEED + " (default"
                    + " ${DEFAULT-VALUE}); the control period, meter polls and pile leases stay real-time, so each"
                    + " 1-second cycle covers N seconds of the day")
    double speed;

    @Override
    public Integer call() throws Exception {
        if (webPort < 0 || webPort > 65_535) {
            refuse("--web-port " + webPort + " is outside 1..65535 (or 0 for a free one)");
            return 2;
        }
        if (!(speed >= 1 && speed <= MAX_SPEED)) {
            // As typed (1000, not Java's 1000.0).
            String typed = spec.commandLine().getParseResult().matchedOption("--speed").stringValues().get(0);
            refuse("--speed " + typed + " is out of range: give 1 to " + MAX_SPEED
                    + " (a cycle then covers at most " + MAX_SPEED / 60 + " minutes of the day)");
            return 2;
        }
        DemoMqtt mqtt;
        try {
            if (broker != null && spec.commandLine().getParseResult().hasMatchedOption("--broker-port")) {
                throw new IllegalArgumentException("--broker-port is for the embedded broker; with --broker "
                        + broker + " leave it out");
            }
            mqtt = broker != null ? new DemoMqtt.External(broker) : new DemoMqtt.Embedded(brokerPort);
            if (brokerPort < 1) {
                throw new IllegalArgumentException("--broker-port " + brokerPort + " is outside 1..65535");
            }
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage());
            return 2;
        }
        Optional<Unwritable> unwritable = Unwritable.asDirectory(data);
        if (unwritable.isPresent()) {
            // Before anything is started: the generated configuration, the store and the broker's files go there.
            refuse("--data " + data + ": " + unwritable.get().text() + "; give --data a directory this user may write");
            return 2;
        }
        Path file = config;
        if (file == null) {
            DemoCompound compound;
            try {
                compound = new DemoCompound(piles, meterPort, firstPilePort, webPort);
            } catch (IllegalArgumentException e) {
                refuse(e.getMessage());
                return 2;
            }
            if (storeInUse()) {
                return 1;
            }
            try {
                // Before the file is written: a refusal leaves no demo-N.yaml, nor an earlier run's one replaced.
                DemoPorts.refuseTaken(compound, mqtt);
            } catch (PeerPortTaken e) {
                refuse(e.getMessage() + "; " + moving(e.peer(), null));
                return 1;
            }
            file = compound.write(data, mqtt);
        }
        // Read without saying so: a given file's ports are tried first, and a refused start does not say it loaded.
        Optional<GatewayConfig> loaded = ConfigFile.read(spec.qualifiedName(), config != null ? "--config" : null, file,
                devices, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return 2;
        }
        GatewayConfig c = loaded.get();
        if (config != null && c.web() != null && spec.commandLine().getParseResult().hasMatchedOption("--web-port")) {
            c = c.withWeb(c.web().withPort(webPort));
        }
        if (config != null) {
            if (storeInUse()) {
                return 1;
            }
            try {
                DemoPorts.refuseTaken(c, mqtt);
            } catch (PeerPortTaken e) {
                refuse(e.getMessage() + "; " + moving(e.peer(), file));
                return 1;
            } catch (WebBindException e) {
                refuse(e.getMessage()); // the file's web.bind: its line says what to change
                return 1;
            }
        }
        ConfigLoader.sayLoaded(file, c, devices.maps(file));
        Clock wall = Clock.systemUTC();
        Startup startup = Startup.of("orderly demo");
        StopOnSignal signal = StopOnSignal.install("orderly-demo-shutdown", startup::stop, LogAtExit::flush);
        try {
            Demo.start(c, devices.maps(file), data, wall, TimeScale.startingNow(wall, speed), spec.commandLine().getOut(),
                    !noGateway, mqtt, startup, file);
        } catch (Startup.Stopped e) {
            return signal.awaitStop();
        } catch (WebBindException e) {
            startup.close();
            // The page's port is the demo's option here (or overrides the file's), not a setting to edit; its address
            // is the file's web.bind, which the gateway's own line names.
            refuse(e.addressToChange() ? e.getMessage() : "local page: cannot listen on "
                    + WebBindException.hostPort(e.bind(), e.port()) + " (" + e.reason()
                    + "); give --web-port PORT for another port (0 picks a free one)");
            return 1;
        } catch (PeerPortTaken e) {
            startup.close();
            refuse(e.getMessage() + "; " + moving(e.peer(), file));
            return 1;
        } catch (Exception | Error e) {
            startup.close();
            throw e;
        }
        signal.await();
        return 0;
    }

    /**
     * Whether a gateway already runs on this demo's store (a demo left running on the same data directory), said in one
     * line: its ports are this demo's too, and until 2026-12-06 the first of them was said taken ({@code MQTT broker:
     * cannot listen on 127.0.0.1:1883}), the other demo unsaid. The gateway's own lock, taken as it starts, still decides.
     */
    private boolean storeInUse() throws IOException {
        if (noGateway) {
            return false; // no gateway of this demo's to share the store
        }
        Path store = Demo.store(data, TimeScale.startingNow(Clock.systemUTC(), speed));
        Optional<String> holder = StoreLock.holder(store);
        holder.ifPresent(h -> refuse("store " + store + " is in use by another gateway (" + h + "), another demo on"
                + " this data directory?: stop that one first (Ctrl-C where it runs), or give this one --data DIR of its own"));
        return holder.isPresent();
    }

    /** One line in every command's form, {@code orderly demo: what}. */
    private void refuse(String what) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + what);
    }

    /**
     * How to move a simulated peer off a taken port: the demo's option, or the given file that set the port; the
     * broker's and the page's ports are always the demo's options.
     */
    private String moving(PeerPortTaken.Peer peer, Path file) {
        if (peer == PeerPortTaken.Peer.WEB) {
            // the demo's option, which replaces a given file's web.port too
            return "give --web-port PORT for another port (0 picks a free one)";
        }
        if (peer == PeerPortTaken.Peer.BROKER) {
            return "give --broker-port PORT for another port, or --broker tcp://127.0.0.1:PORT for a broker of your own";
        }
        if (config != null) {
            return "give it a free port in " + file;
        }
        return peer == PeerPortTaken.Peer.METER ? "give --meter-port PORT for another port"
                : "give --first-pile-port PORT for another run of " + piles + " ports";
    }
}
