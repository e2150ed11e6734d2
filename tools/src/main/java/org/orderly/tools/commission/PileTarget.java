package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.pile.CoapEndpointPool;
import org.orderly.gateway.field.pile.CoapPileConfig;
import org.orderly.gateway.field.pile.CoapPileDriver;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileIdRole;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PilePsk;
import org.orderly.gateway.field.pile.PileRegister;
import org.orderly.serial.UnitAddress;
import org.orderly.text.SecretFileMode;
import org.orderly.tools.ConfigFile;
import org.orderly.tools.DevicesOption;
import org.orderly.tools.InputFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which pile, and how to reach it: a firmware-bridge over CoAP, or a pile's own Modbus current-limit register. */
final class PileTarget {
    @Option(names = "--coap", paramLabel = "HOST", description = "the firmware-bridge's address")
    String coapHost;

    @Option(names = "--coap-port", paramLabel = "N",
            description = "the firmware-bridge's CoAP port (default 5684 for DTLS, 5683 with --plain)")
    Integer coapPort;

    @Option(names = "--plain", description = "plain CoAP without DTLS (lab only)")
    boolean plain;

    @Option(names = "--psk-identity", paramLabel = "ID", description = "DTLS pre-shared key identity")
    String pskIdentity;

    @Option(names = "--psk-file", paramLabel = "FILE", description = "file holding the pre-shared key (UTF-8 text)")
    Path pskFile;

    @Option(names = "--modbus-port", paramLabel = "DEVICE", description = "serial port of a Modbus pile")
    String modbusPort;

    @Option(names = "--modbus-host", paramLabel = "HOST", description = "Modbus TCP host of a Modbus pile")
    String modbusHost;

    @Option(names = "--tcp-port", defaultValue = "502", paramLabel = "N", description = "Modbus TCP port (default ${DEFAULT-VALUE})")
    int tcpPort;

    @Option(names = "--baud", defaultValue = "9600", paramLabel = "RATE", description = "serial baud rate (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--parity", defaultValue = "none", paramLabel = "P", description = "none, even or odd (default ${DEFAULT-VALUE})")
    String parity;

    @Option(names = "--unit", defaultValue = "1", paramLabel = "ID",
            description = "Modbus unit id, " + UnitAddress.RANGE + " (default ${DEFAULT-VALUE})")
    int unit;

    @Option(names = "--map", paramLabel = "NAME", description = "the pile's register map, e.g. piles/generic-pile")
    String map;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    DevicesOption devices = new DevicesOption();

    @Option(names = "--id", defaultValue = "pile", paramLabel = "ID", description = "the pile's id: a bridge whose /info "
            + "says another fails (pile set then sends it nothing); also the name in messages (default ${DEFAULT-VALUE}, "
            + "then not checked)")
    String id;

    @Option(names = "--config", paramLabel = "FILE", description = "the gateway configuration (YAML): the pile must be "
            + "one of its piles (--id, or else the address given), a limit within its range; pile set says when that "
            + "configuration's gateway runs and drives the pile; the lease's end is said in its tariff zone, the "
            + "compound's, not this computer's, and --map is looked for in the devices directory beside it")
    Path config;

    /**
     * The zone this command says times in: the configuration's tariff zone with {@code --config} (the compound's, in
     * which the page and the plans say theirs), else this computer's. Empty when the configuration cannot be used;
     * every reason has been said on standard error then, one line each ({@link ConfigFile}), and the command exits 2.
     * Until 2026-12-06 the command took no configuration, so a gateway or laptop set to UTC said a lease's end in UTC.
     */
    Optional<ZoneId> zone() {
        if (config == null) {
            return Optional.of(ZoneId.systemDefault());
        }
        Optional<GatewayConfig> loaded = ConfigFile.read(command.qualifiedName(), "--config", config, devices,
                command.commandLine().getErr());
        loaded.ifPresent(c -> devices.besideConfig(config));
        configured = loaded.flatMap(c -> ConfiguredPile.of(config, c, this));
        return loaded.map(GatewayConfig::zone);
    }

    /** The pile of {@code --config} this command reaches, once {@link #zone} loaded it; empty without one. */
    private Optional<ConfiguredPile> configured = Optional.empty();

    /** The pile of {@code --config} this command reaches ({@link ConfiguredPile#of}), known after {@link #zone}. */
    Optional<ConfiguredPile> configured() {
        return configured;
    }

    /** The bridge's port: {@code --coap-port}, else CoAP's own for the transport (5684 for DTLS, 5683 plain). */
    int coapPortOrDefault() {
        return coapPort != null ? coapPort : plain ? 5683 : 5684;
    }

    /** Whether {@code --id} was given: only then is it the pile's id, which a bridge's {@code /info} must say. */
    boolean idGiven() {
        return command.commandLine().getParseResult().hasMatchedOption("--id");
    }

    /** A pile on a Modbus line rather than behind a firmware-bridge. */
    boolean isModbus() {
        return coapHost == null;
    }

    /** The Modbus pile's map, once {@link #start} loaded it. */
    private PileMap loadedMap;

    /**
     * Whether the pile's statuses can show a lease: a bridge's do, and a Modbus pile's when its map has a watchdog
     * register (without one the pile keeps the last limit written, and there is no lease to show). Known after start.
     */
    boolean leaseShown() {
        return loadedMap == null || loadedMap.watchdog().isPresent();
    }

    /**
     * A limit the Modbus pile's map cannot write (round(amps / scale) outside its register's 0..65535) is bad input,
     * said before anything is sent: the pile never saw it.
     */
    void checkLimit(double amps) throws IOException, RegisterMapException {
        if (coapHost != null || modbusPort == null && modbusHost == null || map == null) {
            return; // a bridge takes any limit to judge, or start() says what is missing
        }
        try {
            devices.pileMap(map).limit().raw(amps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AMPS " + org.orderly.text.Amps.number(amps)
                    + " does not fit the limit register of map " + map + " ("
                    + e.getMessage() + "): check its scale against the pile's Modbus table; nothing was sent", e);
        }
    }

    /**
     * A lease the Modbus pile's watchdog register cannot hold (round(ttl / scale) outside 0..65535, as for one counted
     * in hundredths of a second) is bad input, said before anything is sent: the driver would fail each sending of it.
     */
    void checkTtl(int ttlS) throws IOException, RegisterMapException {
        if (coapHost != null || modbusPort == null && modbusHost == null || map == null) {
            return;
        }
        Optional<PileRegister> watchdog = devices.pileMap(map).watchdog();
        try {
            watchdog.ifPresent(w -> w.raw(ttlS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ttl-s " + ttlS + " does not fit the watchdog register of map " + map + " ("
                    + e.getMessage() + "): give a shorter --ttl-s, or check its scale against the pile's Modbus table; "
                    + "nothing was sent", e);
        }
    }

    /** A bridge's status carries the lease it holds: without one it offers its safe current. */
    static final String BRIDGE_WITHOUT_LEASE = "on its safe current (no lease)";

    /**
     * What a status without a lease says of this pile. A bridge's carries its lease. A Modbus pile's lease is the
     * writer's own reckoning (acknowledged write + ttl), not read from the pile: this command knows only the one it
     * wrote itself. Without a watchdog register there is none, and the pile keeps the last limit written.
     */
    String noLease() {
        if (loadedMap == null) {
            return BRIDGE_WITHOUT_LEASE;
        }
        return loadedMap.watchdog().isPresent() ? "lease not known (a Modbus pile's lease is counted by whoever wrote it, "
                + "not read from the pile)" : "keeping the last limit written (no watchdog register, no lease)";
    }

    /** What the pile's link does not use, given anyway: refused, not ignored. */
    private void refuseOptionsNotForTheLink() {
        if (coapHost != null) {
            if (plain) {
                OptionsNotForTheLink.refuse(command, "--plain", "a DTLS bridge", "--psk-identity", "--psk-file");
            }
            OptionsNotForTheLink.refuse(command, "--coap", "a Modbus pile", "--tcp-port", "--baud", "--parity", "--unit", "--map");
            return;
        }
        String chosen = modbusHost != null ? "--modbus-host" : "--modbus-port";
        OptionsNotForTheLink.refuse(command, chosen, "a firmware-bridge (--coap)", "--coap-port", "--plain", "--psk-identity",
                "--psk-file");
        if (modbusHost != null) {
            OptionsNotForTheLink.refuse(command, chosen, "a serial line (--modbus-port)", "--baud", "--parity");
        } else {
            OptionsNotForTheLink.refuse(command, chosen, "Modbus TCP (--modbus-host)", "--tcp-port");
        }
    }

    FailureAdvice.PileLink link() {
        return isModbus() ? FailureAdvice.PileLink.MODBUS : plain ? FailureAdvice.PileLink.PLAIN : FailureAdvice.PileLink.DTLS;
    }

    /** Starts the gateway's own driver for the pile, statuses stamped on the system clock and aged on its ticker. */
    PileDriver start(LeaseTiming lease, PileListener listener) throws IOException, RegisterMapException {
        return start(lease, listener, Clock.systemUTC(), Ticker.SYSTEM);
    }

    /** As above, statuses stamped on {@code clock} (for display) and on {@code ticker} (for ordering). */
    PileDriver start(LeaseTiming lease, PileListener listener, Clock clock, Ticker ticker)
            throws IOException, RegisterMapException {
        int ways = (coapHost != null ? 1 : 0) + (modbusPort != null ? 1 : 0) + (modbusHost != null ? 1 : 0);
        if (ways != 1) {
            throw new IllegalArgumentException("give exactly one of --coap HOST, --modbus-port DEVICE or --modbus-host HOST");
        }
        refuseOptionsNotForTheLink();
        if (coapHost != null) {
            Optional<String> unresolved = LineChecks.hostUnresolved(coapHost, "--coap");
            if (unresolved.isPresent()) {
                throw new IOException(unresolved.get());
            }
            CoapPileConfig base;
            if (plain) {
                base = CoapPileConfig.plain(id, coapHost, coapPortOrDefault());
            } else {
                if (pskIdentity == null || pskFile == null) {
                    throw new IllegalArgumentException("DTLS needs --psk-identity and --psk-file (or --plain in a lab)");
                }
                String key = InputFiles.text("--psk-file", pskFile);
                SecretFileMode.warning(pskFile).ifPresent(w -> command.commandLine().getErr().println(
                        command.qualifiedName() + ": --psk-file " + pskFile + " " + w));
                base = CoapPileConfig.dtls(id, coapHost, coapPortOrDefault(),
                        PilePsk.ofUtf8(pskIdentity, key));
            }
            // The driver does not check --id itself (it would hide the bridge's statuses): pile get and pile set
            // compare it with /info (BridgeIdentity), and say both the status and who the bridge says it is. A given
            // --id is named in the limits to a bridge that takes it, which then refuses a limit if it is another pile's.
            CoapPileConfig config = base.with(lease, CoapPileConfig.requestTimeoutFor(lease), Duration.ofSeconds(30))
                    .withIdRole(idGiven() ? PileIdRole.COMMAND_ID : PileIdRole.NAME_ONLY);
            return CoapPileDriver.start(config, listener, clock, ticker, new CoapEndpointPool());
        }
        if (map == null) {
            throw new IllegalArgumentException("a Modbus pile needs --map, its register map (e.g. piles/generic-pile)");
        }
        if (!UnitAddress.isUnit(unit)) {
            // 0 is broadcast: every device on the line would take the limit's writes, and none would answer
            throw new IllegalArgumentException("--unit must be " + UnitAddress.RANGE + ", was " + unit);
        }
        PileMap pileMap = devices.pileMap(map);
        loadedMap = pileMap;
        devices.ownLine(map).ifPresent(command.commandLine().getOut()::println); // which file, when not the shipped map
        LineChecks.tcpPort(tcpPort);
        LineChecks.baud(baud);
        parity = LineChecks.parity(parity);
        if (modbusPort != null) {
            Optional<String> unusable = LineChecks.serialPortUnusable(modbusPort, "--modbus-port");
            if (unusable.isPresent()) {
                throw new IOException(unusable.get());
            }
        }
        BusEndpoint endpoint = modbusHost != null ? new BusEndpoint.Tcp(modbusHost, tcpPort)
                : new BusEndpoint.Serial(modbusPort, baud, parity, 8, 1);
        // No configuration here, so no safe current: the fallback register keeps what the pile or the gateway put there
        // (until 2026-12-03 the driver's default 6 A was written, and stayed until the gateway next connected).
        ModbusPileConfig mc = ModbusPileConfig.of(id, endpoint, unit, pileMap).withFallbackLeftAsItIs();
        return ModbusPileDriver.start(mc.with(lease, Duration.ofSeconds(1)), listener, clock, ticker);
    }
}
