package org.orderly.tools.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.orderly.gateway.files.AtomicFile;

/**
 * The demo compound for any number of piles, as gateway configuration text in the shape of
 * {@code config/demo/demo.yaml}: 7 kW home piles spread over phases A, B and C, twelve to a garage circuit of
 * 60 kW, under a transformer of 250 kW and 350 A a line per 24 piles (and 40 kW of EV power per 250 kW while its meter
 * is stale); the transformer meter on Modbus TCP at {@code meterPort} and one plain-CoAP firmware-bridge per pile on
 * consecutive loopback ports from {@code firstPilePort}; the local page on {@code webPort} (0: any free one).
 * It is written to a file and loaded by the gateway's own {@code ConfigLoader}, so the demo runs the real
 * configuration path.
 */
public record DemoCompound(int piles, int meterPort, int firstPilePort, int webPort) {
    public static final int DEFAULT_PILES = 24;
    public static final int DEFAULT_METER_PORT = 5020;
    public static final int DEFAULT_FIRST_PILE_PORT = 5701;
    public static final int DEFAULT_WEB_PORT = 8080;
    static final int PILES_PER_CIRCUIT = 12;
    static final double CIRCUIT_KW = 60;
    static final double TRANSFORMER_KW_PER_PILE = 250.0 / 24;
    /** demo.yaml's 350 A per line of a 250 kW transformer (379 A at 220 V): a line its households load most binds first. */
    static final double PHASE_LIMIT_A_PER_PILE = 350.0 / 24;
    /** demo.yaml's 40 kW of a 250 kW transformer: the EV power trusted blind is a share of the limit, not a fixed kW. */
    static final double SAFE_EV_SHARE = 40.0 / 250;
    private static final int MAX_PORT = 65_535;
    /**
     * The most piles whose transformer (250 kW per 24 piles) a configuration takes: 960 give 10,000 kW, the largest
     * limitKw the loader allows. Until 2026-12-06 more were refused only by the loader, about the file the demo had
     * just written ({@code demo-1000.yaml:5:27: 'limitKw' in compound.transformer must be within 1..10000 (kW), was
     * 10417}).
     */
    public static final int MAX_PILES = 960;

    public DemoCompound {
        // the fields are not assigned yet in a compact constructor: work from the parameters
        int lastPilePort = firstPilePort + piles - 1;
        if (piles < 1 || piles > MAX_PILES) {
            throw new IllegalArgumentException("--piles must be within 1.." + MAX_PILES + ", was " + piles);
        }
        if (meterPort < 1 || meterPort > MAX_PORT) {
            throw new IllegalArgumentException("meter port " + meterPort + " is not a TCP port (1..65535)");
        }
        if (firstPilePort < 1 || lastPilePort > MAX_PORT) {
            throw new IllegalArgumentException("" + piles + " piles from port " + firstPilePort
                    + " need ports up to " + lastPilePort + ", beyond 65535; use fewer piles or a lower first port");
        }
        if (meterPort >= firstPilePort && meterPort <= lastPilePort) {
            throw new IllegalArgumentException("meter port " + meterPort + " falls in the piles' ports "
                    + firstPilePort + ".." + lastPilePort);
        }
        if (webPort < 0 || webPort > MAX_PORT) {
            throw new IllegalArgumentException("--web-port " + webPort + " is not a TCP port (1..65535, or 0 for"
                    + " any free one)");
        }
        if (webPort == meterPort) {
            throw new IllegalArgumentException("--web-port " + webPort + " is the meter's port; give another");
        }
    }

    /** The local page on its default port. */
    public DemoCompound(int piles, int meterPort, int firstPilePort) {
        this(piles, meterPort, firstPilePort, DEFAULT_WEB_PORT);
    }

    /** The default ports for {@code piles} piles. */
    public static DemoCompound of(int piles) {
        return new DemoCompound(piles, DEFAULT_METER_PORT, DEFAULT_FIRST_PILE_PORT);
    }

    public int lastPilePort() {
        return firstPilePort + piles - 1;
    }

    public int circuits() {
        return (piles + PILES_PER_CIRCUIT - 1) / PILES_PER_CIRCUIT;
    }

    /** The EV power allowed while the meter is stale, kW: demo.yaml's share of the transformer, to 0.1 kW. */
    double safeEvKw() {
        return Math.floor(SAFE_EV_SHARE * transformerKw() * 10) / 10;
    }

    /** The transformer limit, kW: 250 kW per 24 piles, rounded up to whole kW. */
    public double transformerKw() {
        return Math.ceil(TRANSFORMER_KW_PER_PILE * piles);
    }

    /** Each line's limit, scaled as the transformer is. */
    public double phaseLimitA() {
        return Math.ceil(PHASE_LIMIT_A_PER_PILE * piles);
    }

    /**
     * Writes the configuration as {@code demo-<piles>.yaml} in {@code dir} and returns the file. Replaced whole, and
     * {@code dir}, made if need be, forced into its parent: the demo's store goes there too.
     */
    public Path write(Path dir) throws IOException {
        return write(dir, "");
    }

    /**
     * As {@link #write(Path)}, reporting to the demo's broker ({@link DemoMqtt#upstreamYaml}): the file {@code orderly
     * demo} tells its user to run carries the broker it announces.
     */
    public Path write(Path dir, DemoMqtt mqtt) throws IOException {
        return write(dir, mqtt.upstreamYaml());
    }

    private Path write(Path dir, String upstream) throws IOException {
        Path file = dir.resolve("demo-" + piles + ".yaml");
        try {
            AtomicFile.write(file, (yaml() + upstream).getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            // AtomicFile's message names the file
            throw new IOException("the generated configuration: " + e.getMessage(), e);
        }
        return file;
    }

    /** The configuration text. */
    public String yaml() {
        StringBuilder y = new StringBuilder(256 + 130 * piles);
        y.append("# Generated by `orderly demo --piles ").append(piles).append("`: the demo compound (config/demo/demo.yaml)\n")
                .append("# scaled to ").append(piles).append(" piles; overwritten on every start.\n")
                .append("gatewayId: demo\n")
                .append("compound:\n")
                .append(String.format(Locale.ROOT, "  transformer: { limitKw: %.0f, phaseLimitA: %.0f, phaseVoltageV: 220 }%n",
                        transformerKw(), phaseLimitA()))
                .append("  circuits:\n");
        for (int c = 0; c < circuits(); c++) {
            y.append(String.format(Locale.ROOT, "    - { id: %s, limitKw: %.0f }%n", circuitId(c), CIRCUIT_KW));
        }
        y.append("  piles:\n");
        for (int i = 0; i < piles; i++) {
            y.append(String.format(Locale.ROOT,
                    "    - { id: %s, phase: %s, maxA: 32, circuit: %s, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }%n",
                    pileId(i), "ABC".charAt(i % 3), circuitId(i / PILES_PER_CIRCUIT), firstPilePort + i));
        }
        y.append("meters:\n")
                .append("  transformer: { bus: room, unit: 1, map: eastron-sdm630 }\n")
                .append("buses:\n")
                .append("  - { name: room, tcp: { host: 127.0.0.1, port: ").append(meterPort)
                .append(" }, timing: { gapMs: 0, timeoutMs: 300, retries: 1 } }\n")
                .append("tariff:\n")
                .append("  zone: Asia/Shanghai\n")
                .append("  periods:\n")
                .append("    - { from: \"23:00\", to: \"07:00\", price: 0.30 }\n")
                .append("    - { from: \"07:00\", to: \"10:00\", price: 0.49 }\n")
                .append("    - { from: \"10:00\", to: \"15:00\", price: 0.79 }\n")
                .append("    - { from: \"15:00\", to: \"18:00\", price: 0.49 }\n")
                .append("    - { from: \"18:00\", to: \"21:00\", price: 0.79 }\n")
                .append("    - { from: \"21:00\", to: \"23:00\", price: 0.49 }\n")
                .append(String.format(Locale.ROOT, "control: { periodMs: 1000, staleAfterMs: 3000, safeEvKw: %.1f }%n",
                        safeEvKw()))
                .append("store: { path: orderly.db }   # the demo puts it in its data directory\n")
                .append("web: { bind: 127.0.0.1, port: ").append(webPort)
                .append(", usersFile: web-users.json }   # the local page\n");
        return y.toString();
    }

    String pileId(int i) {
        return String.format(Locale.ROOT, "p%0" + width(piles) + "d", i + 1);
    }

    String circuitId(int c) {
        return String.format(Locale.ROOT, "garage-%0" + width(circuits()) + "d", c + 1);
    }

    private static int width(int count) {
        return Math.max(2, Integer.toString(count).length());
    }
}
