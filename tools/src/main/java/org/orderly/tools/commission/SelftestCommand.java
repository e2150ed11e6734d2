package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.orderly.gateway.app.config.BusConfig;
import org.orderly.gateway.app.config.BusTimeouts;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.MeterConfig;
import org.orderly.gateway.app.config.OwnMaps;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.gateway.field.dlt645.DataBlock;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Client;
import org.orderly.gateway.field.dlt645.Dlt645Meter;
import org.orderly.gateway.field.dlt645.Dlt645Version;
import org.orderly.gateway.field.dlt645.JSerialCommLine;
import org.orderly.gateway.field.dlt645.MeterAddress;
import org.orderly.gateway.field.dlt645.ReadStep;
import org.orderly.gateway.field.dlt645.SerialLine;
import org.orderly.gateway.field.dlt645.SilentToBlocks;
import org.orderly.gateway.field.dlt645.TcpLine;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.gateway.field.modbus.LateAnswer;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.ReadBlock;
import org.orderly.gateway.field.modbus.ReadPlanner;
import org.orderly.gateway.field.modbus.RegisterDecoder;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.pile.BridgeInfoCheck;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.CoapPileConfig;
import org.orderly.gateway.field.pile.CoapPileDriver;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.gateway.field.pile.PilePsk;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StoreHealth;
import org.orderly.text.Count;
import org.orderly.tools.ConfigFile;
import org.orderly.tools.DevicesOption;
import org.orderly.tools.ResultOnly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Every device of a configuration, once: each meter is read (Modbus with its map's request plan, DL/T 645 with its
 * quantities) and its values checked for plausibility; each pile's status is read through the gateway's own driver
 * (no limit is sent), several piles at once ({@link PilesAtOnce}), while the upstream broker is asked
 * ({@link UpstreamCheck}, its line printed first, as soon as the broker has answered). Prints a pass/fail table in the
 * configuration's order, then a line on the store file ({@code PRAGMA quick_check}, read-only); exit 0 when all pass,
 * the store is not damaged and the broker did not fail, 1 otherwise, 2 for a bad configuration.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Check every configured meter and pile (reachable, plausible values), the store file (not damaged)"
                + " and the upstream broker (takes the connection)."
                + " Exit non-zero on any failure.")
public final class SelftestCommand implements Callable<Integer>, ResultOnly {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the gateway configuration (YAML)")
    Path config;

    @Mixin
    DevicesOption devices = new DevicesOption();

    /** The register maps of the configuration given, the installer's own first. */
    private MapDirs maps;

    @Option(names = "--wait-s", defaultValue = "5", paramLabel = "S",
            description = "how long to wait for each pile's status, in seconds (default ${DEFAULT-VALUE})")
    int waitS;

    /** The values an installer checks first, shown first. */
    private static final List<String> SUMMARY = List.of("power.total.kw", "voltage.a.v", "voltage.v", "frequency.hz");

    private record Row(String device, String kind, String where, boolean pass, String detail) {
    }

    @Override
    public Integer call() throws Exception {
        LineChecks.waitS(waitS);
        try (DriverLog.Quieted quiet = DriverLog.quiet()) {
            return check();
        }
    }

    private int check() throws Exception {
        // A file with problems ends with check-config's count line (until 2026-12-07 not said here).
        Optional<GatewayConfig> loaded = ConfigFile.load(spec.qualifiedName(), "--config", config, devices,
                spec.commandLine().getErr(), true);
        if (loaded.isEmpty()) {
            return 2;
        }
        GatewayConfig c = loaded.get();
        Path dir = config.toAbsolutePath().getParent();
        maps = devices.maps(config);
        List<Row> rows = new java.util.ArrayList<>();
        List<MeterConfig> meters = new java.util.ArrayList<>();
        meters.add(c.transformerMeter());
        meters.addAll(c.pileMeters());
        // Said first: a whole compound out of reach is --wait-s for every PilesAtOnce.AT_ONCE piles.
        spec.commandLine().getErr().println(spec.qualifiedName() + ": reading " + Count.of(meters.size(), "meter") + " and "
                + Count.of(c.piles().size(), "pile") + "; a pile that does not answer takes up to " + waitS
                + " s (--wait-s), and up to " + PilesAtOnce.AT_ONCE
                + " piles are read at once: " + PilesAtOnce.worstSeconds(c.piles(), waitS) + " s for all of them");
        spec.commandLine().getErr().flush();
        // The broker is asked beside the devices and its line printed once it answers: a silent pile waits --wait-s,
        // and until 2026-12-07 the broker's line came only after every pile's wait.
        UpstreamAsked upstream = UpstreamAsked.start(c, Duration.ofSeconds(waitS), spec.commandLine().getOut());
        Map<String, J2modLink> links = new HashMap<>();
        Map<String, Dlt645Client> dlt = new HashMap<>();
        try {
            for (MeterConfig m : meters) {
                MeterBound bound = bound(c, m);
                rows.add(m.isDlt645() ? dlt645(m, c.bus(m.bus()), dlt, bound) : modbus(m, c.bus(m.bus()), links, bound,
                        BusTimeouts.of(c, m.bus())));
            }
        } finally {
            links.values().forEach(J2modLink::close);
            dlt.values().forEach(Dlt645Client::close);
        }
        rows.addAll(PilesAtOnce.read(c.piles(), p -> pile(c, p, dir)));
        // The table comes after the broker's line, so that the two are never interleaved.
        UpstreamCheck.Line upstreamLine = upstream.await();
        // Which file each map of the installer's own is: the rows below were read with it.
        OwnMaps.lines(c, maps).forEach(spec.commandLine().getOut()::println);
        Table table = new Table("device", "kind", "where", "result", "detail");
        rows.forEach(r -> table.row(r.device(), r.kind(), r.where(), r.pass() ? "PASS" : "FAIL", r.detail()));
        table.print(spec.commandLine().getOut());
        long failed = rows.stream().filter(r -> !r.pass()).count();
        spec.commandLine().getOut().println(failed == 0 ? "selftest: all " + rows.size() + " devices pass"
                : "selftest: " + failed + " of " + rows.size() + " devices FAIL");
        boolean storeSound = store(c.store().path());
        return failed == 0 && storeSound && upstreamLine.result() != UpstreamCheck.Result.FAIL ? 0 : 1;
    }

    /** What the running gateway holds meter {@code m}'s readings to: the transformer's, or its pile's rating. */
    private static MeterBound bound(GatewayConfig c, MeterConfig m) {
        if (m.isTransformer()) {
            return new MeterBound.OfTransformer(c.transformer());
        }
        // The configuration has held each pile meter to a pile it names (PileMeters.of relies on it too).
        PileConfig pile = c.piles().stream().filter(p -> p.pile().id().equals(m.pile())).findFirst().orElseThrow(
                () -> new IllegalStateException("pile meter " + m.id() + " names pile '" + m.pile()
                        + "', not in compound.piles"));
        return new MeterBound.OfPile(m.pile(), m.id(), pile.rating());
    }

    /**
     * One line on the store file (docs/operations.md, "A damaged store"): its quick_check on a read-only connection,
     * which a running gateway does not mind. False when it is damaged.
     */
    private boolean store(Path file) {
        Path shown = file.toAbsolutePath().normalize();
        StoreHealth health = StoreCheck.inspect(shown);
        String advice = "";
        if (health instanceof StoreHealth.Damaged) {
            advice = ". The gateway moves it aside and makes a fresh store at its next start (systemctl restart orderly),"
                    + " keeping what can still be read; copy the damaged file off, then check or replace the SD card"
                    + " (docs/operations.md, \"A damaged store\")";
        } else if (health instanceof StoreHealth.Unreadable) {
            advice = ". Check its owner and mode, and the disk (the gateway runs as orderly)";
        }
        spec.commandLine().getOut().println("store " + shown + ": " + health.describe() + advice);
        return !(health instanceof StoreHealth.Damaged);
    }

    /** @param timeoutBound the longest timeout {@code bus} takes, which a meter answering late is told to give at most */
    private Row modbus(MeterConfig m, BusConfig bus, Map<String, J2modLink> links, MeterBound bound, TimeoutBound timeoutBound)
            throws Exception {
        String where = bus.name() + " unit " + m.unit();
        RegisterMap map;
        try {
            map = RegisterMapLoader.load(maps.file(m.map()));
        } catch (org.orderly.gateway.field.modbus.RegisterMapException e) {
            return new Row(m.id(), "meter " + m.map(), where, false, e.problems().get(0));
        }
        // Checked before the bus's link opens it, not after: a port this command holds open would look in use.
        Optional<String> unusable = links.containsKey(bus.name()) ? Optional.empty() : unusablePort(bus);
        if (unusable.isPresent()) {
            return new Row(m.id(), "meter " + m.map(), where, false, unusable.get());
        }
        J2modLink link = links.computeIfAbsent(bus.name(), b -> new J2modLink(bus.endpoint(), Duration.ofMillis(bus.timeoutMs())));
        Map<String, Double> values = new LinkedHashMap<>();
        String failure = null;
        for (ReadBlock block : ReadPlanner.plan(map)) {
            try {
                int[] words = link.read(m.unit(), block.function(), block.start(), block.count());
                for (RegisterPoint p : block.points()) {
                    values.put(p.quantity(), RegisterDecoder.decode(words, p.address() - block.start(), p));
                }
            } catch (FieldReadException e) {
                failure = WireReply.of(bus.endpoint(), m.unit(), block.function(), block.start(), block.count(),
                        Duration.ofMillis(bus.timeoutMs()), e.kind(), u -> "set its unit: " + u)
                        .orElseGet(() -> modbusAdvice(m, bus, e)) + "; " + e.getMessage();
                if (values.isEmpty() && ReadAdvice.silent(List.of(e), 1)) {
                    // Asked once more, given longer, on a link of its own: the bus's holds its serial port.
                    links.remove(bus.name()).close();
                    Duration timeout = Duration.ofMillis(bus.timeoutMs());
                    Optional<Duration> took = LateAnswer.after(bus.endpoint(), m.unit(), block, timeout);
                    if (took.isPresent()) {
                        failure = LateAnswer.advice("unit " + m.unit(), took.get(), timeout,
                                ms -> "timing.timeoutMs " + ms + " of bus '" + bus.name() + "'", timeoutBound)
                                + "; " + e.getMessage();
                    }
                }
                break;
            }
        }
        return judge(m.id(), "meter " + m.map(), where, values, failure, bound);
    }

    /**
     * What a failed read of Modbus meter {@code m} on {@code bus} means, when asking it again on a socket of its own
     * ({@link WireReply}) said nothing: over TCP a reply, whole, of another unit (an exception frame, which that ask
     * does not say), and over RTU a whole reply, of registers or an exception, that began with another unit's address,
     * is said as {@code modbus read} and {@code modbus scan} say it (until 2026-12-07, tcp60 over TCP, rtu62 over RTU, it
     * was {@code garbled answers from unit 1: a wrong baud rate or parity ...}: {@code TcpScanOfAnotherUnitsReplyTest}); a
     * reply cut while it came, the cut's advice; else the failure's kind's.
     */
    private static String modbusAdvice(MeterConfig m, BusConfig bus, FieldReadException e) {
        if (e.anotherUnit().isPresent()) {
            int replied = e.anotherUnit().getAsInt();
            return ReadAdvice.ofAnotherUnit(bus.endpoint(), m.unit(), replied, "set its unit: " + replied + " if unit " + replied
                    + " is the meter");
        }
        return e.cutWhileReplying() ? ReadAdvice.replyCut("unit " + m.unit(), "timing.timeoutMs of bus '" + bus.name() + "'")
                : FailureAdvice.meter(e.kind(), "unit " + m.unit(), false);
    }

    private Row dlt645(MeterConfig m, BusConfig bus, Map<String, Dlt645Client> clients, MeterBound bound) throws Exception {
        String where = bus.name() + " address " + m.dlt645().address();
        Dlt645Client client = clients.get(bus.name());
        if (client == null) {
            Optional<String> absent = absentPort(bus);
            if (absent.isPresent()) {
                return new Row(m.id(), "meter dlt645", where, false, absent.get());
            }
            try {
                Duration timeout = Duration.ofMillis(bus.timeoutMs());
                SerialLine line = bus.endpoint() instanceof BusEndpoint.Tcp tcp ? TcpLine.open(tcp, timeout)
                        : JSerialCommLine.open((BusEndpoint.Serial) bus.endpoint());
                // the bus's own gap: the quiet kept after a cut reply's end, as the gateway's poller keeps it
                client = new Dlt645Client(line, timeout, Duration.ofMillis(bus.gapMs()), Ticker.SYSTEM);
            } catch (SerialPortNotOpened e) {
                return new Row(m.id(), "meter dlt645", where, false, LineChecks.serialPortNotOpened(e, portSetting(bus)));
            } catch (IOException e) {
                return new Row(m.id(), "meter dlt645", where, false, e.getMessage());
            }
            clients.put(bus.name(), client);
        }
        MeterRole role = m.isTransformer() ? MeterRole.TRANSFORMER : MeterRole.PILE;
        Dlt645Version version = m.dlt645().version();
        List<DataId> reads = m.dlt645().quantities().isEmpty() ? Dlt645Meter.defaultReads(role, version)
                : m.dlt645().quantities().stream().map(q -> DataId.ofQuantity(version, q).orElseThrow()).toList();
        Dlt645Meter meter = new Dlt645Meter(m.id(), MeterAddress.parse(m.dlt645().address()), role, reads, m.dlt645().ctRatio(),
                m.dlt645().blockReads());
        Map<String, Double> values = new LinkedHashMap<>();
        String failure = null;
        List<String> notBlocks = new ArrayList<>();
        List<String> silentBlocks = new ArrayList<>();
        Deque<ReadStep> steps = new ArrayDeque<>(ReadStep.plan(meter, Set.of()));
        while (!steps.isEmpty() && failure == null) {
            ReadStep step = steps.pop();
            DataId di = step instanceof ReadStep.Single one ? one.di() : null;
            try {
                if (step instanceof ReadStep.Block b) {
                    client.readBlock(meter.address(), b.block(), b.wanted())
                            .forEach((member, v) -> values.put(member.quantity(), meter.primary(member, v)));
                } else {
                    values.put(di.quantity(), meter.primary(di, client.read(meter.address(), di)));
                }
            } catch (FieldReadException e) {
                if (step instanceof ReadStep.Block b) {
                    boolean notRead = DataBlock.notReadBy(e);
                    if (notRead || silentToBlock(client, meter, b, e)) {
                        // As the poller does: said, and its quantities read one at a time.
                        (notRead ? notBlocks : silentBlocks).add(String.format("%08X", b.block().id()));
                        List<ReadStep> singly = b.singly();
                        for (int i = singly.size() - 1; i >= 0; i--) {
                            steps.push(singly.get(i));
                        }
                        continue;
                    }
                }
                failure = (e.kind() == FailureKind.EXCEPTION_RESPONSE ? FailureAdvice.dlt645Refusal(e, m, di, readCommand(bus, m))
                        : FailureAdvice.meter(e.kind(), "address " + m.dlt645().address(), true)) + "; " + e.getMessage();
            }
        }
        Row row = judge(m.id(), "meter dlt645", where, values, failure, bound);
        String detail = row.detail();
        if (!notBlocks.isEmpty()) {
            detail += "; blockReads: the meter does not read block " + String.join(", ", notBlocks) + " as written "
                    + "(refused, or another length): the gateway reads those quantities one at a time (set blockReads: false)";
        }
        if (!silentBlocks.isEmpty()) {
            detail += "; blockReads: the meter answers single reads but is silent to block " + String.join(", ", silentBlocks)
                    + " (" + SilentToBlocks.WHAT + "): the gateway reads those quantities one at a time, after the "
                    + "block's timeouts at each start (set blockReads: false)";
        }
        return detail.equals(row.detail()) ? row : new Row(row.device(), row.kind(), row.where(), row.pass(), detail);
    }

    /**
     * Whether {@code meter}, whose read of block {@code step} failed with {@code failure}, is silent to the block while
     * answering its first quantity asked alone (a value or a refusal), as the gateway's poller asks: a meter ignoring
     * block reads, read one quantity at a time, not a silent one. One exchange; a meter silent to it too is silent.
     */
    private static boolean silentToBlock(Dlt645Client client, Dlt645Meter meter, ReadStep.Block step,
            FieldReadException failure) throws InterruptedException {
        if (!SilentToBlocks.worthAsking(failure)) {
            return false;
        }
        try {
            SilentToBlocks.alone(step).readFrom(client, meter.address());
            return true;
        } catch (FieldReadException alone) {
            return SilentToBlocks.answeredEvenSo(alone);
        }
    }

    /** The {@code orderly dlt645 read} that reads every quantity of DL/T 645 meter {@code m} on its bus's line. */
    private static String readCommand(BusConfig bus, MeterConfig m) {
        String meter = " --address " + m.dlt645().address()
                + (m.dlt645().version() == Dlt645Version.V2007 ? "" : " --edition " + m.dlt645().version().text());
        if (bus.endpoint() instanceof BusEndpoint.Tcp converter) {
            String host = converter.host().contains(":") ? "[" + converter.host() + "]" : converter.host();
            return "orderly dlt645 read --tcp " + host + ":" + converter.port() + meter;
        }
        BusEndpoint.Serial line = (BusEndpoint.Serial) bus.endpoint();
        return "orderly dlt645 read --port " + line.port() + " --baud " + line.baud() + " --parity " + line.parity() + meter;
    }

    private static Row judge(String id, String kind, String where, Map<String, Double> values, String failure,
            MeterBound bound) {
        if (failure != null) {
            return new Row(id, kind, where, false, failure);
        }
        Optional<String> bad = Plausibility.check(values, bound);
        if (bad.isPresent()) {
            return new Row(id, kind, where, false, bad.get());
        }
        List<String> shown = java.util.stream.Stream.concat(SUMMARY.stream().filter(values::containsKey),
                values.keySet().stream().filter(k -> !SUMMARY.contains(k))).limit(3).toList();
        return new Row(id, kind, where, true, shown.stream()
                .map(k -> k + "=" + String.format(Locale.ROOT, "%.2f", values.get(k))).collect(Collectors.joining(" ")));
    }

    /**
     * What the bridge's {@code /info} says that the configuration does not (its safe current, maxA, phases), as the
     * gateway would log it; the driver reads it right after the first status.
     */
    private List<String> bridgeInfo(CoapPileDriver driver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitS).toNanos();
        while (driver.bridgeInfo().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return driver.bridgeInfo().map(BridgeInfoCheck.Result::warnings)
                .orElse(List.of("/info not read within " + waitS + " s: its safe current, maxAmps and phases unchecked"));
    }

    /**
     * The line saying that the bridge at the pile's address is another pile, as the gateway would log it; empty when
     * its /info names this pile or was not read. A status taken before /info was read is waited past.
     */
    private Optional<String> otherPile(CoapPileDriver driver) throws InterruptedException {
        bridgeInfo(driver);
        return driver.bridgeInfo().filter(r -> r.otherPile().isPresent()).map(r -> String.join("; ", r.warnings()));
    }

    /** The line modbus scan gives for a serial port that is not there, naming the bus; empty for one that is, or TCP. */
    private static Optional<String> absentPort(BusConfig bus) {
        return bus.endpoint() instanceof BusEndpoint.Serial serial
                ? LineChecks.serialPortMissing(serial.port(), portSetting(bus)) : Optional.empty();
    }

    /**
     * The line modbus scan gives for a serial port that is not there or will not open, naming the bus; empty for one
     * that opens, or TCP. It opens the port and closes it again: call it before this command opens the port itself.
     */
    private static Optional<String> unusablePort(BusConfig bus) {
        return bus.endpoint() instanceof BusEndpoint.Serial serial
                ? LineChecks.serialPortUnusable(serial.port(), portSetting(bus)) : Optional.empty();
    }

    private static String portSetting(BusConfig bus) {
        return "the port of bus '" + bus.name() + "' in the configuration";
    }

    private static FailureAdvice.PileLink link(org.orderly.gateway.app.config.PileDriver driver) {
        if (driver instanceof org.orderly.gateway.app.config.PileDriver.Coap k) {
            return k.plain() ? FailureAdvice.PileLink.PLAIN : FailureAdvice.PileLink.DTLS;
        }
        return FailureAdvice.PileLink.MODBUS;
    }

    /** What a Modbus pile does once the gateway stops, where its map keeps it from the configured safe current. */
    private static String lapse(org.orderly.gateway.app.config.PileDriver driver) {
        if (!(driver instanceof org.orderly.gateway.app.config.PileDriver.Modbus m)) {
            return "";
        }
        return switch (m.lapse()) {
            case SAFE_AMPS -> "";
            case OWN_CURRENT -> "; once a lease lapses it falls back to a current of its own setting (its map has no "
                    + "fallback register)";
            case KEEPS_LAST_LIMIT -> "; does not fall back on its own (keepsLastLimit: accepted): it keeps its last limit "
                    + "while the gateway is stopped";
        };
    }

    /** Where the pile is reached, as its row says: the bridge's address, or its Modbus bus and unit. */
    private static String where(org.orderly.gateway.app.config.PileDriver driver) {
        if (driver instanceof org.orderly.gateway.app.config.PileDriver.Coap k) {
            return "coap " + k.host() + ":" + k.port();
        }
        var m = (org.orderly.gateway.app.config.PileDriver.Modbus) driver;
        return m.bus() + " unit " + m.unit();
    }

    private Row pile(GatewayConfig c, PileConfig p, Path dir) throws Exception {
        String id = p.pile().id();
        List<org.orderly.gateway.field.pile.PileFailure> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        PileListener listener = failures::add;
        PileDriver driver;
        String where = where(p.driver());
        try {
            if (p.driver() instanceof org.orderly.gateway.app.config.PileDriver.Coap k) {
                Optional<String> unresolved = LineChecks.hostUnresolved(k.host(), "the host of pile " + id + " in the configuration");
                if (unresolved.isPresent()) {
                    return new Row(id, "pile", where, false, unresolved.get());
                }
                CoapPileConfig base = k.plain() ? CoapPileConfig.plain(id, k.host(), k.port())
                        : CoapPileConfig.dtls(id, k.host(), k.port(),
                                PilePsk.ofUtf8File(k.pskIdentity(), dir.resolve(k.pskKeyFile())));
                LeaseTiming lease = LeaseTiming.ofSeconds(k.ttlSeconds());
                driver = CoapPileDriver.start(base.with(lease, CoapPileConfig.requestTimeoutFor(lease),
                        Duration.ofSeconds(30)).withSafeAmps(k.safeAmps()).withRating(p.rating()), listener,
                        Clock.systemUTC());
            } else {
                var m = (org.orderly.gateway.app.config.PileDriver.Modbus) p.driver();
                // A serial bus may carry meters and other piles too: nothing of this command holds its port now, the
                // meters' links closed before the piles are read and the piles of one bus read one after another
                // (PilesAtOnce), each driver closed before the next opens the port.
                Optional<String> unusable = unusablePort(c.bus(m.bus()));
                if (unusable.isPresent()) {
                    return new Row(id, "pile", where, false, unusable.get());
                }
                driver = ModbusPileDriver.start(ModbusPileConfig.of(id, c.bus(m.bus()).endpoint(), m.unit(),
                        PileMapLoader.load(maps.file(m.map()))).withSafeAmps(m.safeAmps())
                        .withTimeout(Duration.ofMillis(c.bus(m.bus()).timeoutMs()))
                        .with(LeaseTiming.defaults(), Duration.ofSeconds(1)),
                        listener, Clock.systemUTC());
            }
        } catch (IOException | org.orderly.gateway.field.modbus.RegisterMapException e) {
            return new Row(id, "pile", "-", false, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            // A CoAP endpoint that cannot start (its UDP socket does not bind): this pile's row, the others read as usual.
            // Until 2026-12-07 it ended the whole selftest with one line and no table.
            return new Row(id, "pile", where, false, e.getMessage());
        }
        try (driver) {
            // A bridge that says it is another pile has no status of this pile's: its /info line is the row's. A status
            // may come before /info is read (its driver reads /info after the first one): /info is waited for then.
            Optional<PileState> s = PileCommand.awaitStatus(driver, Duration.ofSeconds(waitS), x -> true,
                    () -> driver.answersAs().isPresent());
            if (driver instanceof CoapPileDriver coap && (s.isPresent() || coap.answersAs().isPresent())) {
                Optional<String> otherPile = otherPile(coap);
                if (otherPile.isPresent()) {
                    return new Row(id, "pile", where, false, otherPile.get());
                }
            }
            if (s.isEmpty()) {
                Optional<org.orderly.gateway.field.pile.PileFailure> last = PileCommand.last(failures);
                return new Row(id, "pile", where, false, "no status within " + waitS + " s: "
                        + FailureAdvice.pile(last, link(p.driver()), false, PileCommand.handshakeCompleted(driver))
                        + last.map(f -> "; " + f.kind() + ": " + f.message()).orElse(""));
            }
            ChargeState st = s.get().state();
            List<String> problems = new java.util.ArrayList<>(PileHealth.problems(s.get()));
            if (driver instanceof CoapPileDriver coap) {
                problems.addAll(bridgeInfo(coap));
            }
            PileDraw.implausible(s.get().powerKw(), p, !(driver instanceof CoapPileDriver)).ifPresent(problems::add);
            boolean ok = st != ChargeState.E && st != ChargeState.F && problems.isEmpty();
            String facts = "state " + st + ", " + PileCommand.offered(s.get().ampsOffered())
                    + ", " + PileCommand.reported(s.get().powerKw(), "%.2f kW", "power drawn") + PileHealth.extras(s.get())
                    + lapse(p.driver());
            if (!problems.isEmpty()) {
                return new Row(id, "pile", where, false, String.join("; ", problems) + "; " + facts);
            }
            return new Row(id, "pile", where, ok, (ok ? "" : "pile reports state " + st + "; ") + facts);
        }
    }
}
