package org.orderly.bridge;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orderly.bridge.coap.BridgeServer;
import org.orderly.bridge.coap.EndpointConfig;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.meter.MeterConfig;
import org.orderly.bridge.meter.MeterModel;
import org.orderly.bridge.meter.MeterTransport;
import org.orderly.bridge.meter.MeteredVehicle;
import org.orderly.bridge.meter.PileMeter;
import org.orderly.bridge.pile.FirmwareVersion;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.ControlPilot;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.Pi4jControlPilot;
import org.orderly.bridge.pilot.Pi4jPilotPins;
import org.orderly.bridge.safety.ContactorFeedback;
import org.orderly.bridge.safety.ResidualCurrentMonitor;
import org.orderly.bridge.sense.Mcp3008;
import org.orderly.bridge.sense.PilotAdc;
import org.orderly.bridge.sense.SensedVehicle;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.log.LogAtExit;
import org.orderly.serial.StopOnSignal;
import org.orderly.text.Amps;
import org.orderly.text.AsWritten;
import org.orderly.text.SecretFileMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.orderly.text.TextFileException;
import org.orderly.text.TextFile;

/**
 * Runs one pile's bridge standalone:
 * {@code BridgeMain --pile P1 --port 5684 --psk-identity gw --psk-key-file P1.psk --simulate-vehicle}.
 * Plain CoAP only with {@code --plain}. On the target, {@code --gpio --sense-pilot} drives the pilot and relay and
 * reads the car on the pilot. With {@code --meter-model} and {@code --meter-tcp} or {@code --meter-serial} the
 * vehicle's power and session energy are a pile meter's. What it cannot do is one line on standard error, exit 2 for
 * bad input and 1 otherwise.
 */
@Command(name = "orderly-bridge", mixinStandardHelpOptions = true,
        description = "The pile-side agent: CoAP /limit, /status, /info with a lease watchdog, and a pile meter.")
public final class BridgeMain implements java.util.concurrent.Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeMain.class);
    /** How long the CoAP server waits for the pilot's first state taken before it serves all the same. */
    static final Duration FIRST_PILOT_STATE_WITHIN = Duration.ofSeconds(5);

    /**
     * {@code --tick-ms}'s range. A lapsed lease falls back at the first tick after its expiry: a tick longer than the
     * gateway's default lease (10 s) would more than double the time a dead gateway's current lasts. Below 10 ms the
     * steps would take the pile's lock more often than the pilot's sensing does (every 20 ms), for nothing.
     */
    static final long MIN_TICK_MS = 10;
    static final long MAX_TICK_MS = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pile", required = true, description = "pile id")
    String pileId;
    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "address to bind (default ${DEFAULT-VALUE})")
    String bind;
    @Option(names = "--port", description = "port for DTLS (default 5684) or, with --plain, for plain CoAP (default 5683)")
    Integer port;
    @Option(names = "--plain", description = "serve plain, unencrypted CoAP on --port (no PSK)")
    boolean plain;
    @Option(names = "--psk-identity", description = "DTLS PSK identity the gateway presents")
    String pskIdentity;
    @Option(names = "--psk-key-hex", description = "DTLS pre-shared key, hex (visible to every local user in the "
            + "process list: prefer --psk-key-file)")
    String pskKeyHex;
    @Option(names = "--psk-key-file", description = "file holding the DTLS pre-shared key as text, as the gateway's "
            + "pskKeyFile does (surrounding whitespace is not part of it)")
    Path pskKeyFile;
    @Option(names = "--min-amps", defaultValue = "6") double minAmps;
    @Option(names = "--max-amps", defaultValue = "32") double maxAmps;
    @Option(names = "--phases", defaultValue = "1") int phases;
    @Option(names = "--volts", defaultValue = "220") double volts;
    @Option(names = "--safe-amps", defaultValue = "6", description = "current when no lease holds (0 or min..max)")
    double safeAmps;
    @Option(names = "--tick-ms", defaultValue = "1000", description = "watchdog and step period, ms, within "
            + MIN_TICK_MS + ".." + MAX_TICK_MS + " (default ${DEFAULT-VALUE})")
    long tickMs;
    @Option(names = "--simulate-vehicle", description = "plug in a simulated 7 kW, 60 kWh vehicle at 30 %% (without it "
            + "and without --sense-pilot no vehicle is ever seen)")
    boolean simulateVehicle;
    @Option(names = "--gpio", description = "drive the pilot and relay via Pi4J (auto context) instead of in memory")
    boolean gpio;
    @Option(names = "--pwm-pin", defaultValue = "18") int pwmPin;
    @Option(names = "--relay-pin", defaultValue = "17") int relayPin;
    @Option(names = "--meter-model", converter = MeterModelConverter.class, paramLabel = "sdm120|sdm630",
            description = "read the pile's power and energy from this meter (Eastron SDM120, single phase, or SDM630, "
                    + "three phase) on --meter-tcp or --meter-serial")
    MeterModel meterModel;
    @Option(names = "--meter-tcp", paramLabel = "HOST:PORT", description = "the meter over Modbus TCP")
    String meterTcp;
    @Option(names = "--meter-serial", paramLabel = "DEVICE", description = "the meter over Modbus RTU on this serial "
            + "device, e.g. /dev/ttyUSB0")
    String meterSerial;
    @Option(names = "--meter-baud", description = "serial baud rate (default: the model's factory setting, 2400 for "
            + "sdm120, 9600 for sdm630)")
    Integer meterBaud;
    @Option(names = "--meter-parity", paramLabel = "none|even|odd", description = "serial parity (default none)")
    String meterParity;
    @Option(names = "--meter-stop-bits", description = "serial stop bits, 1 (default) or 2")
    Integer meterStopBits;
    @Option(names = "--meter-unit", defaultValue = "1", description = "the meter's Modbus unit id (default ${DEFAULT-VALUE})")
    int meterUnit;
    @Option(names = "--meter-period-ms", defaultValue = "1000", description = "ms from the end of one read of the "
            + "meter to the next (default ${DEFAULT-VALUE})")
    long meterPeriodMs;
    @Option(names = "--meter-timeout-ms", defaultValue = "500", description = "ms to wait for each answer of the "
            + "meter (default ${DEFAULT-VALUE})")
    long meterTimeoutMs;
    @CommandLine.Mixin
    PilotSenseOptions pilotSense = new PilotSenseOptions();
    @CommandLine.Mixin
    SafetyOptions safety = new SafetyOptions();

    /** The Pi4J context {@code --gpio} drives: the board's own, found by Pi4J's auto detection. */
    private final Supplier<Context> board;

    public BridgeMain() {
        this(Pi4J::newAutoContext);
    }

    /** A bridge whose {@code --gpio} drives {@code board}: Pi4J's mock board, in tests that run it as a process. */
    BridgeMain(Supplier<Context> board) {
        this.board = board;
    }

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        LogAtExit.flush();
        System.exit(exit);
    }

    /** The command line as {@code main} runs it: a failure is one line naming the bridge, not a stack trace. */
    static CommandLine commandLine() {
        return OneLineErrors.on(new CommandLine(new BridgeMain()));
    }

    @Override
    public Integer call() throws Exception {
        pilotSense.check(spec.commandLine(), gpio, simulateVehicle);
        safety.check(spec.commandLine(), gpio, pwmPin, relayPin);
        Duration tick = tick();
        EndpointConfig endpoints = endpoints();
        PileConfig config = new PileConfig(pileId, FirmwareVersion.ofThisBuild(), minAmps, maxAmps, phases, volts,
                safeAmps);
        Optional<MeterConfig> meter = meter(config);
        Vehicle vehicle = Vehicle.none();
        if (simulateVehicle) {
            SimulatedVehicle simulated = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
            simulated.plugIn();
            vehicle = simulated;
        }
        // The hook comes before the first part starts: installed after start-up, a SIGTERM during it (systemd's stop,
        // a restart loop) ended the JVM with the pile's relay closed and its pilot offering the safe current. It runs
        // before jSerialComm's own hook closes the serial ports, as the gateway's does: a --meter-serial meter's port
        // closed under its read made the stop log the meter silent, and the meter's next read open the port again.
        // The log's queue is written out once the stop has said what it closed, before the JVM can halt.
        StartedParts parts = new StartedParts("pile " + pileId);
        StopOnSignal signal = StopOnSignal.install("bridge-shutdown", parts::stop, LogAtExit::flush);
        BridgeServer server;
        try {
            server = start(parts, config, vehicle, meter, endpoints, tick);
            parts.running();
        } catch (StartedParts.Stopping refused) {
            LOG.debug("{}", refused.getMessage());
            return signal.awaitStop();
        } catch (Exception e) {
            if (parts.isStopping()) {
                LOG.warn("pile {}: start-up failed while stopping: {}", pileId, e.toString());
                return signal.awaitStop();
            }
            parts.abandon();
            throw e;
        }
        LOG.info("{}", started(config, server, meter, tick));
        signal.await();
        return 0;
    }

    /**
     * The one line that says the bridge runs, once every part has started: its version, where it listens, the key it
     * read, the pile's figures, and what drives and measures it; the stop's line is {@link StartedParts}'s. The orderly
     * jar's log keeps the CoAP server's own lines quiet (the demo runs a bridge server a pile), so without this a
     * bridge started from it said nothing until it stopped.
     */
    private String started(PileConfig config, BridgeServer server, Optional<MeterConfig> meter, Duration tick) {
        String key = pskKeyFile != null ? "PSK identity " + pskIdentity + ", key from " + pskKeyFile
                : pskKeyHex != null ? "PSK identity " + pskIdentity + ", key given in hex" : "no key";
        String car = simulateVehicle ? "a simulated vehicle" : sensedVehicle() ? "the vehicle sensed on the pilot"
                : "no vehicle (neither --simulate-vehicle nor --sense-pilot)";
        String outputs = gpio ? "pilot PWM on pin " + pwmPin + ", relay on pin " + relayPin + " (Pi4J)"
                : "pilot and relay in memory";
        return "pile " + pileId + ": bridge " + config.firmwareVersion() + " started: " + server.serving() + " (" + key
                + "); " + AsWritten.number(config.minAmps()) + ".." + AsWritten.number(config.maxAmps()) + " A on "
                + config.phases() + (config.phases() == 1 ? " phase" : " phases") + " at "
                + AsWritten.number(config.voltsPerPhase()) + " V, safe current " + Amps.of(config.safeAmps())
                + ", tick " + tick.toMillis() + " ms; " + car + "; " + outputs + "; "
                + meter.map(m -> "pile meter " + m.describe()).orElse("no pile meter");
    }

    private boolean sensedVehicle() {
        return gpio && pilotSense.enabled;
    }

    /** Starts the bridge's parts in {@code parts}, in the order a stop reverses; returns the last, its CoAP server. */
    private BridgeServer start(StartedParts parts, PileConfig config, Vehicle vehicle, Optional<MeterConfig> meter,
                       EndpointConfig endpoints, Duration tick) throws Exception {
        ScheduledExecutorService executor = parts.start("executor", () -> Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-" + pileId);
            t.setDaemon(true);
            return t;
        }), BridgeMain::shutDown);
        ControlPilot pilot;
        SensedVehicle sensed = null;
        Context pi4j = null;
        if (gpio) {
            Context board = parts.start("Pi4J context", this.board::get, Context::shutdown);
            pi4j = board;
            pilot = parts.start("control pilot", () -> new Pi4jControlPilot(board, Pi4jPilotPins.iec(pwmPin, relayPin)),
                    ControlPilot::close);
            if (pilotSense.enabled) {
                PilotAdc adc = parts.start("pilot ADC", () -> new Mcp3008(board, pilotSense.wiring()), PilotAdc::close);
                sensed = pilotSense.vehicle(pileId, adc);
                vehicle = sensed;
            }
        } else {
            pilot = parts.start("control pilot", InMemoryControlPilot::new, ControlPilot::close);
        }
        Vehicle metered = vehicle;
        if (meter.isPresent()) {
            double pileMaxKw = config.maxAmps() * config.phases() * config.voltsPerPhase() / 1000.0;
            PileMeter pileMeter = parts.start("meter", () -> PileMeter.start(pileId, meter.get(), pileMaxKw),
                    PileMeter::close);
            metered = new MeteredVehicle(vehicle, pileMeter::reading);
        }
        Vehicle stepped = metered;
        // Armed before the outputs can first carry current: the pile offers nothing, its relay open, until its
        // protections are made, read, and may have tripped it (a monitor already tripped, a feedback unreadable).
        Pile pile = parts.start("pile", () -> Pile.awaitingProtections(config, pilot, stepped, Clock.systemUTC()),
                Pile::close);
        if (safety.rcmPin != null) {
            Context board = pi4j;
            parts.start("residual current monitor", () -> watchResidualCurrent(board, pile),
                    ResidualCurrentMonitor::close);
        }
        if (safety.feedbackPin != null) {
            Context board = pi4j;
            parts.start("contactor feedback", () -> checkContactor(board, pilot, pile), BridgeMain::shutDown);
        }
        parts.start("pile's steps", () -> stepPile(pile, executor, tick), Pile::close);
        if (sensed != null) {
            SensedVehicle car = sensed;
            parts.start("pilot sensing", () -> startSensing(car, pile), BridgeMain::shutDown);
            awaitFirstPilotState(pile, car);
        }
        return parts.start("CoAP server", () -> serve(pile, endpoints), BridgeServer::close);
    }

    /**
     * Waits until the pile has stepped on the pilot's first state taken (the debounce's readings in a row, 60 ms at
     * the defaults), or is closed by a stop (the server is then refused, as any part after a stop): served before,
     * {@code /status} said the A the sensing began with, and a gateway that asked then ended the session of a car
     * plugged in all along. Not under the parts' lock, so that a stop while it waits stops at once. A pilot that
     * does not settle within {@link #FIRST_PILOT_STATE_WITHIN} is served all the same, said at WARN: a bridge that
     * never served could not be asked its {@code /info} or state at commissioning, and its pile would be offline.
     */
    private void awaitFirstPilotState(Pile pile, SensedVehicle car) throws InterruptedException {
        if (!car.stateRead()) {
            LOG.info("pile {}: serving CoAP once the pilot's first state is taken", pileId);
        }
        if (!pile.awaitVehicleRead(FIRST_PILOT_STATE_WITHIN) && !pile.isClosed()) {
            LOG.warn("pile {}: no pilot state taken within {} s of the sensing's start (its readings never agreeing?);"
                    + " serving CoAP all the same, its status A until one is", pileId, FIRST_PILOT_STATE_WITHIN.toSeconds());
        }
    }

    /**
     * Reads the pilot every period on a thread of its own, not the pile's tick's: leaving C steps the pile (its relay
     * opens, under the pile's lock) at the first burst that shows it, without waiting for the next tick.
     */
    private ScheduledExecutorService startSensing(SensedVehicle car, Pile pile) {
        ScheduledExecutorService sensing = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pilot-sense-" + pileId);
            t.setDaemon(true);
            return t;
        });
        car.onChange(pile::step);
        car.start(sensing, pilotSense.period());
        return sensing;
    }

    /**
     * Reads the monitor now (tripped or unreadable: the pile trips before it is armed), then at each change of its pin
     * and every 20 ms on a thread of its own.
     */
    private ResidualCurrentMonitor watchResidualCurrent(Context board, Pile pile) {
        ResidualCurrentMonitor monitor = new ResidualCurrentMonitor(pileId, board, safety.rcmPin, safety.rcmTripLevel,
                pile);
        monitor.start(SafetyOptions.CHECK_PERIOD);
        return monitor;
    }

    /**
     * Compares the contactor's feedback with the relay until it has been seen open for the settling time (or a fault
     * of its own tripped the pile), before the pile is armed, then every 20 ms on a thread of its own.
     */
    private ScheduledExecutorService checkContactor(Context board, ControlPilot pilot, Pile pile) {
        ContactorFeedback feedback = new ContactorFeedback(pileId, board, safety.feedbackPin,
                safety.feedbackClosedLevel, pilot, pile, safety.settle(), ElapsedTime.SYSTEM);
        ScheduledExecutorService checking = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "contactor-" + pileId);
            t.setDaemon(true);
            return t;
        });
        feedback.start(checking, SafetyOptions.CHECK_PERIOD);
        return checking;
    }

    /** Arms the pile (it drives its outputs: the safe current, no lease yet) and starts its ticks. */
    private static Pile stepPile(Pile pile, ScheduledExecutorService executor, Duration tick) {
        pile.arm();
        pile.start(executor, tick);
        return pile;
    }

    /**
     * {@code --tick-ms}, checked before anything starts: 0 or less reached the executor once the pile was armed, as a
     * message-less IllegalArgumentException.
     */
    Duration tick() {
        if (tickMs < MIN_TICK_MS || tickMs > MAX_TICK_MS) {
            throw new IllegalArgumentException("--tick-ms " + tickMs + " must be within " + MIN_TICK_MS + ".."
                    + MAX_TICK_MS);
        }
        return Duration.ofMillis(tickMs);
    }

    private static BridgeServer serve(Pile pile, EndpointConfig endpoints) {
        BridgeServer server = new BridgeServer(pile, endpoints);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Lets a tick in progress end, then stops the executor's thread. */
    private static void shutDown(ScheduledExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    EndpointConfig endpoints() throws IOException {
        InetAddress address = InetAddress.getByName(bind);
        if (pskKeyHex != null && pskKeyFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --psk-key-hex or --psk-key-file, not both");
        }
        boolean hasKey = pskKeyHex != null || pskKeyFile != null;
        boolean psk = pskIdentity != null || hasKey;
        if (psk && (pskIdentity == null || !hasKey)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give both --psk-identity and a key (--psk-key-file or --psk-key-hex)");
        }
        if (psk == plain) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "choose DTLS (--psk-identity and --psk-key-file) or, explicitly, --plain");
        }
        if (!psk) {
            return EndpointConfig.plain(address, Optional.ofNullable(port).orElse(5683));
        }
        PskCredentials credentials = pskKeyHex != null ? PskCredentials.ofHex(pskIdentity, pskKeyHex)
                : PskCredentials.ofUtf8(pskIdentity, readKey(pskKeyFile));
        return EndpointConfig.dtls(address, Optional.ofNullable(port).orElse(5684), credentials);
    }

    /**
     * The pile meter the options name, if any. A wrong combination is a usage error; a value that cannot be (a port, a
     * unit, a period) and a single-phase meter on a three-phase pile are bad input.
     */
    Optional<MeterConfig> meter(PileConfig pile) {
        if (meterTcp != null && meterSerial != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --meter-tcp or --meter-serial, not both");
        }
        boolean serialOptions = meterBaud != null || meterParity != null || meterStopBits != null;
        if (serialOptions && meterSerial == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--meter-baud, --meter-parity and --meter-stop-bits are for --meter-serial");
        }
        if (meterTcp == null && meterSerial == null) {
            if (meterModel != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--meter-model needs --meter-tcp HOST:PORT or --meter-serial DEVICE");
            }
            return Optional.empty();
        }
        if (meterModel == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    (meterTcp != null ? "--meter-tcp" : "--meter-serial") + " needs --meter-model (sdm120 or sdm630)");
        }
        MeterTransport transport = meterTcp != null ? MeterTransport.tcp(meterTcp)
                : new MeterTransport.Serial(meterSerial, meterBaud != null ? meterBaud : meterModel.defaultBaud(),
                        meterParity != null ? MeterTransport.Parity.parse(meterParity) : MeterTransport.Parity.NONE,
                        meterStopBits != null ? meterStopBits : 1);
        if (meterModel.phases() < pile.phases()) {
            throw new IllegalArgumentException("pile " + pile.pileId() + ": --meter-model " + meterModel.option()
                    + " measures one phase; the pile has " + pile.phases());
        }
        return Optional.of(new MeterConfig(meterModel, transport, meterUnit, Duration.ofMillis(meterPeriodMs),
                Duration.ofMillis(meterTimeoutMs)));
    }

    /** {@code --meter-model}: sdm120 or sdm630, in one line when it is neither. */
    static final class MeterModelConverter implements CommandLine.ITypeConverter<MeterModel> {
        @Override
        public MeterModel convert(String value) {
            try {
                return MeterModel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private static String readKey(Path file) {
        String key;
        try {
            key = TextFile.stripped(file);
        } catch (TextFileException e) {
            throw new IllegalArgumentException("--psk-key-file " + file + ": " + e.fault(), e);
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("--psk-key-file " + file + ": is empty");
        }
        // Warned, not refused: a pile that cannot be led falls back to its safe current, and a mode must not stop it.
        SecretFileMode.everyoneReads(file).ifPresent(mode -> LOG.warn("--psk-key-file {} can be read by every local user "
                + "(mode {}, and others may enter every directory above it); whoever reads it can set this pile's "
                + "current: chmod o-r {}", file, mode, file));
        return key;
    }
}
