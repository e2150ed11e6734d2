package org.orderly.gateway.app.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.tariff.TariffPeriod;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.yaml.YamlMistake;
import org.orderly.text.Count;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.orderly.gateway.field.gpio.LoadControlConfig;

/**
 * Reads a gateway configuration file and validates all of it before anything is built: every problem is
 * collected as one line {@code file:line:column: what, hint} and they are thrown together in one
 * {@link ConfigException}, so an installer fixes a file in one pass. Register map names are checked against
 * the {@code .yaml} files of the installer's own maps and the shipped ones ({@link MapDirs}).
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    static final List<String> TOP_KEYS = List.of("gatewayId", "compound", "meters", "buses", "tariff", "control", "store",
            "loadControl", "web", "upstream");
    private static final List<String> CONTROL_KEYS = List.of("periodMs", "staleAfterMs", "safeEvKw", "missedKWhPrice",
            "pileOfflineAfterMs");
    private static final List<String> STORE_KEYS = List.of("path", "retentionDays");
    private static final List<String> WEB_KEYS = List.of("bind", "port", "sessionMinutes", "usersFile", "trustedProxies",
            "tls", "hosts", "overloadHoldS", "metrics", MetricsTokenFile.KEY, "idleTimeoutS");
    private static final List<String> WEB_TLS_KEYS = List.of("certFile", "keyFile");

    private ConfigLoader() {
    }

    /** Loads {@code file}, checking map names against {@code devicesDir} alone, and says so at INFO. */
    public static GatewayConfig load(Path file, Path devicesDir) throws IOException, ConfigException {
        return load(file, MapDirs.shipped(devicesDir));
    }

    /**
     * Loads {@code file}, checking map names against {@code maps}, and says so at INFO, with a line for each map it
     * names that is the installer's own ({@link OwnMaps}).
     */
    public static GatewayConfig load(Path file, MapDirs maps) throws IOException, ConfigException {
        GatewayConfig config = read(file, maps);
        sayLoaded(file, config, maps);
        return config;
    }

    /** As {@link #read(Path, MapDirs)} against {@code devicesDir} alone. */
    public static GatewayConfig read(Path file, Path devicesDir) throws IOException, ConfigException {
        return read(file, MapDirs.shipped(devicesDir));
    }

    /**
     * As {@link #load}, without its INFO line: for a command with more to check before it starts (orderly demo's
     * ports), so that a refused start does not first say it loaded; it calls {@link #sayLoaded} once it goes on.
     */
    public static GatewayConfig read(Path file, MapDirs maps) throws IOException, ConfigException {
        String text;
        try {
            text = TextFile.utf8(file, Files.readAllBytes(file));
        } catch (TextFileException e) {
            // One problem at its first byte that is not UTF-8 (an editor set to GBK, say), or a zero byte (a binary
            // file): the decoder's own words are "Input length = 1", SnakeYAML's "special characters are not allowed".
            throw new ConfigException(List.of(e.getMessage()));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, maps, base);
    }

    /** The INFO line that {@code file} was loaded, what it holds in brief. */
    public static void sayLoaded(Path file, GatewayConfig config) {
        LOG.info("configuration {} loaded: gateway {}, {}, {}", file, config.gatewayId(),
                Count.of(config.piles().size(), "pile"), Count.of(config.buses().size(), "bus", "buses"));
    }

    /** As {@link #sayLoaded(Path, GatewayConfig)}, then once each map it names from the installer's own directory. */
    public static void sayLoaded(Path file, GatewayConfig config, MapDirs maps) {
        sayLoaded(file, config);
        OwnMaps.lines(config, maps).forEach(LOG::info);
    }

    /**
     * Where what SnakeYAML was reading began, when on an earlier line than the problem: a {@code {} or {@code [} left
     * unclosed is found only at the next line's item, and the line it is on is the one to fix.
     */
    private static String begun(MarkedYAMLException e) {
        if (e.getContextMark() == null || e.getProblemMark() == null || e.getContextMark().getLine() >= e.getProblemMark().getLine()) {
            return "";
        }
        return " begun at line " + (e.getContextMark().getLine() + 1) + ", column " + (e.getContextMark().getColumn() + 1);
    }

    /** Parses configuration text; {@code file} names it in messages, {@code base} resolves a relative store path. */
    public static GatewayConfig parse(String file, String text, Path devicesDir, Path base) throws ConfigException {
        return parse(file, text, MapDirs.shipped(devicesDir), base);
    }

    /** As {@link #parse(String, String, Path, Path)}, the map names checked against {@code maps}. */
    public static GatewayConfig parse(String file, String text, MapDirs mapDirs, Path base) throws ConfigException {
        Problems problems = new Problems(file);
        Problems warnings = Problems.warnings(file);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Optional<YamlMistake> mistake = YamlMistake.of(e, text);
            if (mistake.isPresent()) {
                problems.at(mistake.get().line(), mistake.get().column(), mistake.get().words());
                throw new ConfigException(problems.lines());
            }
            problems.at(e.getProblemMark(), "not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + begun(e) + ")") + "; check indentation and quoting here");
            throw new ConfigException(problems.lines());
        } catch (YAMLException e) {
            // SnakeYAML's guards against a file built to exhaust the reader (more than 50 aliases of mappings or
            // lists, nesting deeper than 50) say no place: the file as a whole is refused, still one line.
            problems.at((Node) null, "not accepted as YAML: " + e.getMessage()
                    + "; write the values out instead of aliasing them, and nest less deeply");
            throw new ConfigException(problems.lines());
        }
        if (root == null) {
            problems.at((Node) null, "the file is empty; start from config/orderly.example.yaml");
            throw new ConfigException(problems.lines());
        }
        Optional<Node> scenarioFormat = ScenarioFile.format(root);
        if (scenarioFormat.isPresent()) {
            problems.at(scenarioFormat.get(), ScenarioFile.problem(scenarioFormat.get()));
            throw new ConfigException(problems.lines());
        }
        Optional<Node> mapRegisters = DeviceMapFile.registers(root);
        if (mapRegisters.isPresent()) {
            problems.at(mapRegisters.get(), DeviceMapFile.problem());
            throw new ConfigException(problems.lines());
        }
        Section top = Section.of(root, "", TOP_KEYS, problems);
        String gatewayId = top.text("gatewayId", null, "name this gateway, e.g. gatewayId: gw-0001 (used in MQTT topics)");
        if (gatewayId != null && !gatewayId.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.at(top.value("gatewayId"), "gatewayId '" + gatewayId
                    + "' may use only letters, digits, '.', '_' and '-' (1..64); it becomes an MQTT topic level");
            gatewayId = null;
        }

        Refs buses = new Refs("bus");
        List<BusConfig> busList = List.of();
        List<Node> busItems = top.list("buses", true, "list the Modbus buses: - {name, tcp: {host, port}}");
        if (busItems != null) {
            busList = BusesReader.read(busItems, buses, problems);
        }
        DeviceMaps maps = new DeviceMaps(mapDirs);
        UnitIds units = new UnitIds();
        CompoundReader compound = new CompoundReader(problems, warnings, buses, units, maps, base).buses(busList);
        Section c = top.section("compound", CompoundReader.KEYS, true, "describe the transformer, circuits and piles");
        if (c != null) {
            compound.read(c);
        }
        MetersReader meters = new MetersReader(problems, warnings, buses, units, compound.pileIds, maps)
                .protocols(busList)
                .phases(compound.piles);
        Section m = top.section("meters", MetersReader.KEYS, true, "give at least meters: {transformer: {bus, unit, map}}");
        if (m != null) {
            meters.read(m);
        }
        // Not refused: an installer may list a bus before its devices are in.
        buses.unreferred().forEach((name, at) -> warnings.at(at, "bus '" + name + "' has nothing on it (no meter, no"
                + " pile), so nothing is read there; name it as the bus of its meters or Modbus piles once they are"
                + " installed, or leave it out until then"));
        if (compound.transformer != null && meters.transformer != null) {
            TransformerLines.checkEvenSplit(compound.transformer, meters.transformer, meters.transformerReads,
                    meters.transformerReadsAt, warnings);
        }
        TariffReader tariff = new TariffReader();
        Section t = top.section("tariff", TariffReader.KEYS, true, "give the time-of-use periods under tariff: {zone, periods}");
        if (t != null) {
            tariff.read(t);
        }
        Section controlSection = top.section("control", CONTROL_KEYS, false, "");
        ControlConfig control = control(controlSection, compound, problems);
        if (control != null && t != null) {
            checkMissedPriceAboveTariff(control.missedKWhPrice(), tariff, controlSection, t, problems);
        }
        if (control != null && meters.transformer != null && meters.transformerMap != null) {
            checkTransformerBusRoom(busList, compound.piles, meters, control.periodMs(), warnings);
        }
        if (control != null) {
            checkPileMeterRounds(busList, compound.piles, meters, maps, control, file, warnings);
        }
        StoreConfig store = store(top.section("store", STORE_KEYS, false, ""), base);
        Optional<LoadControlConfig> loadControl = LoadControlReader.read(
                top.section("loadControl", LoadControlReader.KEYS, false, ""), compound, problems);
        WebConfig web = web(top.section("web", WEB_KEYS, false, ""), base, problems, warnings);
        Section u = top.section("upstream", UpstreamReader.KEYS, false, "");
        Optional<UpstreamSettings> upstream = u == null ? Optional.empty()
                : Optional.ofNullable(UpstreamReader.read(u, gatewayId, base, problems, warnings));

        if (!problems.isEmpty()) {
            throw new ConfigException(problems.lines());
        }
        GatewayConfig config = new GatewayConfig(gatewayId, compound.transformer, compound.circuits, compound.piles,
                meters.transformer, meters.pileMeters, busList, tariff.zone, tariff.periods, control, store,
                loadControl, web, upstream, warnings.lines());
        checkBuilds(config, file);
        return config;
    }

    /**
     * Whether the transformer meter's bus leaves its pile meters and serial Modbus piles room ({@link TransformerBusRoom}),
     * and whether a silent transformer meter, or one dripping its reply, makes the next transformer read late
     * ({@link SilentTransformerMeter}).
     */
    private static void checkTransformerBusRoom(List<BusConfig> busList, List<PileConfig> piles, MetersReader meters,
                                                int periodMs, Problems warnings) {
        String name = meters.transformer.bus();
        busList.stream().filter(b -> b.name().equals(name) && b.protocol() == BusConfig.Protocol.MODBUS).findFirst()
                .ifPresent(bus -> TransformerBusRoom.check(bus, meters.transformerMap,
                        bus.endpoint() instanceof BusEndpoint.Serial ? (int) piles.stream()
                                .filter(p -> p.driver() instanceof PileDriver.Modbus m && m.bus().equals(name)).count() : 0,
                        (int) meters.pileMeters.stream().filter(m -> m.bus().equals(name) && !m.isDlt645()).count(),
                        periodMs, meters.transformerBusAt, warnings));
        busList.stream().filter(b -> b.name().equals(name) && b.protocol() == BusConfig.Protocol.MODBUS).findFirst()
                .ifPresent(bus -> SilentTransformerMeter.check(bus, meters.transformerMap, periodMs, meters.transformerBusAt,
                        warnings));
    }

    /**
     * Whether each Modbus bus comes round to its pile meters within {@code control.staleAfterMs}, where one measures
     * the draw of a Modbus pile whose map reads no power ({@link PileMeterRound}).
     */
    private static void checkPileMeterRounds(List<BusConfig> busList, List<PileConfig> piles, MetersReader meters,
                                             DeviceMaps maps, ControlConfig control, String file, Problems warnings) {
        Set<String> measuringNone = new HashSet<>();
        for (PileConfig p : piles) {
            if (p.driver() instanceof PileDriver.Modbus m && maps.has(m.map())) {
                // Its driver was made, so its map loaded once already and loads again; a map that would not is
                // reported where the pile names it, and a scratch list keeps it from being reported twice.
                PileMap map = maps.checkPileMap(m.map(), null, new Problems(file));
                if (map != null && map.point(PileMap.POWER).isEmpty()) {
                    measuringNone.add(p.pile().id());
                }
            }
        }
        for (BusConfig bus : busList) {
            if (bus.protocol() != BusConfig.Protocol.MODBUS) {
                continue;
            }
            List<PileMeterRound.OnBus> onBus = new ArrayList<>();
            Node at = null;
            for (MeterConfig m : meters.pileMeters) {
                RegisterMap map = meters.pileMeterMaps.get(m.id());
                if (!m.bus().equals(bus.name()) || m.isDlt645() || map == null) {
                    continue;
                }
                boolean serves = measuringNone.contains(m.pile());
                onBus.add(new PileMeterRound.OnBus(m.id(), map, serves));
                if (serves && at == null) {
                    at = meters.pileMeterBusAt.get(m.id());
                }
            }
            boolean transformerHere = meters.transformer != null && meters.transformer.bus().equals(bus.name());
            PileMeterRound.check(bus, transformerHere ? Optional.ofNullable(meters.transformerMap) : Optional.empty(),
                    onBus, control.periodMs(), control.staleAfterMs(), at, warnings);
        }
    }

    private static ControlConfig control(Section s, CompoundReader compound, Problems problems) {
        if (s == null) {
            return ControlConfig.DEFAULT;
        }
        ControlConfig defaults = ControlConfig.DEFAULT;
        Integer period = s.integer("periodMs", "ms", defaults.periodMs(), 100, 60_000,
                "the control cycle, " + defaults.periodMs() + " by default");
        Integer stale = s.integer("staleAfterMs", "ms",
                period == null ? defaults.staleAfterMs() : ControlConfig.defaultStaleAfterMs(period), 100, 600_000,
                "how old a transformer reading may get before the compound goes conservative, e.g. 3000");
        if (period != null && stale != null && stale < period) {
            problems.at(s.at("staleAfterMs"), "staleAfterMs " + stale + " is shorter than periodMs " + period
                    + "; every reading would count as stale: make it at least 2 periods");
            stale = null;
        }
        double max = compound.transformer == null ? 10_000 : compound.transformer.limitKw();
        Double safe = s.number("safeEvKw", "kW", defaults.safeEvKw(), 0, max,
                "the EV power allowed while the transformer reading is stale; at most the transformer's limitKw");
        Double missed = s.number("missedKWhPrice", "per kWh", defaults.missedKWhPrice(), 0.01, 100,
                "what a resident pays for a kWh the gateway did not deliver (a public fast charger's price), "
                        + "in the tariff's currency, e.g. 1.8");
        Integer offline = pileOfflineAfter(s, period, compound, problems);
        return period == null || stale == null || safe == null || missed == null || offline == null ? null
                : new ControlConfig(period, stale, safe, missed, offline);
    }

    /**
     * How long a pile may go unheard before it is offline: the default follows the period; a value given that would
     * take a healthy pile two reports late as offline is refused, naming the least it may be ({@link PileOfflineBound}).
     */
    private static Integer pileOfflineAfter(Section s, Integer period, CompoundReader compound, Problems problems) {
        int byDefault = period == null ? ControlConfig.DEFAULT.pileOfflineAfterMs()
                : ControlConfig.defaultPileOfflineAfterMs(period);
        Integer offline = s.integer("pileOfflineAfterMs", "ms", byDefault, 1000, 3_600_000,
                "how long a pile may go unheard before it is offline, " + ControlConfig.DEFAULT.pileOfflineAfterMs()
                        + " by default");
        if (offline == null || period == null) {
            return offline;
        }
        PileOfflineBound least = PileOfflineBound.of(period, compound.piles);
        if (offline < least.ms()) {
            problems.at(s.at("pileOfflineAfterMs"), "control.pileOfflineAfterMs " + offline + " is less than "
                    + least.why() + "; make it at least " + least.ms());
            return null;
        }
        return offline;
    }

    /**
     * A missed kWh that costs no more than the compound's cheapest would make a public charger the better place to
     * charge, and the scheduler would charge almost nothing: surely a mistake (a price in another currency, say).
     */
    private static void checkMissedPriceAboveTariff(double missed, TariffReader tariff, Section control, Section t,
                                                    Problems problems) {
        double cheapest = tariff.periods.stream().mapToDouble(TariffPeriod::pricePerKWh).min().orElse(Double.NaN);
        if (!(missed <= cheapest)) {
            return;
        }
        Node given = control == null ? null : control.value("missedKWhPrice");
        Node where = given != null ? given : t.value("periods");
        problems.at(where, "control.missedKWhPrice " + missed + " is not above the cheapest tariff price " + cheapest
                + "; the scheduler would leave cars uncharged rather than pay it: give what a public fast charger "
                + "costs per kWh, in the tariff's currency");
    }

    private static StoreConfig store(Section s, Path base) {
        if (s == null) {
            return new StoreConfig(base.resolve("data/orderly.db"), 90);
        }
        Path path = s.path("path", "data/orderly.db", base, "the SQLite file, e.g. /var/lib/orderly/orderly.db");
        Integer days = s.integer("retentionDays", "days", 90, 1, 3650, "how long readings, events and plans are kept, e.g. 90");
        return path == null || days == null ? null : new StoreConfig(path, days);
    }

    /** The optional local page; absent section, no page. */
    private static WebConfig web(Section s, Path base, Problems problems, Problems warnings) {
        if (s == null) {
            return null;
        }
        String bind = s.text("bind", "127.0.0.1", "the address the page listens on, e.g. 127.0.0.1 or the LAN address");
        if (bind != null && !bind.matches("[0-9A-Za-z.:\\[\\]-]{1,253}")) {
            problems.at(s.value("bind"), "bind '" + bind + "' is not an address or host name; write e.g. 192.168.1.10");
            bind = null;
        } else if (bind != null && IpLiteral.mistypedIpv4(bind)) {
            // Taken as a host name it passed check-config, and the page then failed to start, Jetty saying the port
            // was in use.
            problems.at(s.value("bind"), "bind '" + bind + "' is not an IPv4 address (four numbers, each 0..255), nor a "
                    + "host name; write the gateway's LAN address, e.g. 192.168.1.10");
            bind = null;
        }
        Integer port = s.integer("port", "", 8080, 0, 65535, "the page's TCP port, e.g. 8080 (0 picks a free one)");
        Integer minutes = s.integer("sessionMinutes", "min", 60, 1, 10_080,
                "how long a sign-in lasts without use, e.g. 60");
        Path users = s.path("usersFile", "data/web-users.json", base,
                "the accounts file, e.g. /var/lib/orderly/web-users.json");
        Set<String> proxies = trustedProxies(s, problems);
        Optional<WebTls> tls = webTls(s.section("tls", WEB_TLS_KEYS, false, ""), base, problems, warnings);
        Set<String> hosts = hosts(s, problems);
        Integer overloadHold = s.integer("overloadHoldS", "s", (int) WebConfig.DEFAULT_OVERLOAD_HOLD.toSeconds(), 1, 300,
                "the seconds the control has to bring a load back under its limit before the page calls it an overload,"
                        + " e.g. 10");
        MetricsAccess metrics = metricsAccess(s, problems);
        Optional<Path> metricsToken = MetricsTokenFile.read(s, metrics, base, problems, warnings);
        Integer idle = s.integer("idleTimeoutS", "s", (int) WebConfig.DEFAULT_IDLE_TIMEOUT.toSeconds(), 1, 3600,
                "the seconds a connection to the page may bring nothing before it is closed, e.g. 30");
        return bind == null || port == null || minutes == null || users == null || proxies == null || tls == null
                || hosts == null || overloadHold == null || metrics == null || metricsToken == null || idle == null ? null
                : new WebConfig(bind, port, Duration.ofMinutes(minutes), users, proxies, tls, hosts,
                        Duration.ofSeconds(overloadHold), metrics, metricsToken, Duration.ofSeconds(idle));
    }

    /** Who may read /metrics and /healthz: {@code login} when absent, null when wrong. */
    private static MetricsAccess metricsAccess(Section s, Problems problems) {
        String word = s.text("metrics", MetricsAccess.LOGIN.word(),
                "open (anyone who reaches the page), login (a signed-in browser) or token (a bearer token)");
        if (word == null) {
            return null;
        }
        Optional<MetricsAccess> access = MetricsAccess.of(word);
        if (access.isEmpty()) {
            problems.at(s.at("metrics"), "'metrics' in web must be open (anyone who reaches the page's address), login"
                    + " (a signed-in browser) or token (a request bearing the token in metricsTokenFile, e.g. a"
                    + " Prometheus), was '" + word + "'");
            return null;
        }
        return access.get();
    }

    /** The names the page answers to besides its addresses; none (every name) when absent, null when wrong. */
    private static Set<String> hosts(Section s, Problems problems) {
        List<Node> items = s.list("hosts", false, "");
        if (items == null) {
            return s.has("hosts") ? null : Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        boolean ok = true;
        for (Node item : items) {
            String text = item instanceof ScalarNode sc ? sc.getValue() : null;
            String what = null;
            if (text == null) {
                what = "an item is a mapping or list, not a name";
            } else if (IpLiteral.normalized(text) != null) {
                what = "'" + text + "' is an IP address, which is always answered; list names only";
            } else if (HostName.normalized(text) == null) {
                what = "'" + text + "' is not a host name";
            }
            if (what != null) {
                problems.at(item, "'hosts' in web: " + what + "; write the names typed in the browser, e.g. orderly.lan");
                ok = false;
            } else {
                out.add(HostName.normalized(text));
            }
        }
        return ok ? out : null;
    }

    /** The page's certificate and key (PEM); empty without the section, null when wrong. */
    private static Optional<WebTls> webTls(Section tls, Path base, Problems problems, Problems warnings) {
        if (tls == null) {
            return Optional.empty();
        }
        String hint = "PEM files, e.g. certFile: page.crt and keyFile: page.key (docs/web.md, HTTPS)";
        for (String key : WEB_TLS_KEYS) {
            if (!tls.has(key)) {
                tls.text(key, null, hint);  // reports it missing
            }
        }
        Optional<Path> cert = ConfigFiles.readable(tls, "certFile", base, true, problems);
        Optional<Path> key = ConfigFiles.secret(tls, "keyFile", base, true, problems, warnings);
        return cert == null || key == null || cert.isEmpty() || key.isEmpty() ? null
                : Optional.of(new WebTls(cert.get(), key.get()));
    }

    /** The addresses of the reverse proxies whose X-Forwarded-For is believed; none when absent, null when wrong. */
    private static Set<String> trustedProxies(Section s, Problems problems) {
        List<Node> items = s.list("trustedProxies", false, "");
        if (items == null) {
            return s.has("trustedProxies") ? null : Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        boolean ok = true;
        for (Node item : items) {
            String text = item instanceof ScalarNode sc ? sc.getValue() : null;
            String address = IpLiteral.normalized(text);
            if (address == null) {
                String what = text == null ? "an item is a mapping or list, not an address"
                        : "'" + text + "' is not an IP address";
                problems.at(item, "'trustedProxies' in web: " + what
                        + "; write the proxy's address, e.g. 127.0.0.1 (no host names)");
                ok = false;
            } else {
                out.add(address);
            }
        }
        return ok ? out : null;
    }

    /** Belt and braces: the core's own checks must agree with ours; a disagreement is a bug, reported with the file. */
    private static void checkBuilds(GatewayConfig config, String file) throws ConfigException {
        try {
            Compound compound = config.compound();
            config.tariff();
            LOG.debug("{}: compound of {} piles and {} nodes", file, compound.pileCount(), compound.nodeCount());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(file + ":1:1: " + e.getMessage() + "; the validator missed this, please report it"));
        }
    }
}
