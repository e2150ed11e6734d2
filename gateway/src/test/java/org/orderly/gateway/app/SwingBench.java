package org.orderly.gateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;

/**
 * The live gateway's control loop against households whose load swings within seconds (docs/benchmarks.md, "Household
 * swings within the second"): real firmware-bridges with cars that take {@code lagMs} to follow a lower offer, a real
 * Modbus TCP transformer meter (SDM630 map) whose lines read the households ({@link HouseholdSwings}) plus the cars,
 * all on 127.0.0.1, the gateway at its default 1 s control period. Prints one row of {@link SwingTally} per run and
 * their medians.
 *
 * <pre>SwingBench WORKDIR [RUNS] [SECONDS] [LAG_MS] [SEED] [PILES] [HOMES]</pre>
 * (defaults 3, 180, 2000, 1, 9, 30). The transformer: {@code -Dswing.limitKw} (60) and {@code -Dswing.phaseLimitA} (100
 * A a line at 220 V); {@code -Dswing.periodMs} (1000); {@code -Dswing.trace=FILE} writes each run's samples (every 20
 * ms: time, cycle, the households', the cars' and the offered kW on A, B and C) to FILE in the run's folder.
 */
public final class SwingBench {
    private static final double VOLTS = 220;
    private static final double CAR_KW = 7.0;

    private SwingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 180;
        Duration lag = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 2000);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        int piles = args.length > 5 ? Integer.parseInt(args[5]) : 9;
        int homes = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        double limitKw = Double.parseDouble(System.getProperty("swing.limitKw", "60"));
        double phaseLimitA = Double.parseDouble(System.getProperty("swing.phaseLimitA", "100"));
        int periodMs = Integer.parseInt(System.getProperty("swing.periodMs", "1000"));
        HouseholdSwings.Shape shape = new HouseholdSwings.Shape(homes, 0.3, 0.9, 6, 2, 8, 5, 60, 120, 0.3, 2, 3);
        System.out.printf(Locale.ROOT, "# %d piles (7 kW cars following a cut after %d ms), %d homes %s; transformer %.0f kW, "
                        + "lines %.0f A at %.0f V; control period %d ms; %.0f s a run%n", piles, lag.toMillis(), homes,
                shape, limitKw, phaseLimitA, VOLTS, periodMs, seconds);
        System.out.println("run seed " + SwingTally.HEADER + " cycles notNormalCycles failures overruns stops");
        List<double[]> rows = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory(work, "run");
            HouseholdSwings swings = new HouseholdSwings(shape, seconds + 1, seed + run);
            double[] values = once(dir, swings, seconds, lag, piles, limitKw, phaseLimitA, periodMs);
            rows.add(values);
            System.out.println("run" + run + " " + (seed + run) + " " + format(values));
        }
        double[] median = new double[rows.get(0).length];
        for (int c = 0; c < median.length; c++) {
            final int col = c;
            double[] column = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            median[c] = column.length % 2 == 1 ? column[column.length / 2]
                    : (column[column.length / 2 - 1] + column[column.length / 2]) / 2;
        }
        System.out.println("median - " + format(median));
        System.exit(0);
    }

    private static String format(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", v));
        }
        return out.toString();
    }

    private static double[] once(Path dir, HouseholdSwings swings, double seconds, Duration lag, int piles,
                                 double limitKw, double phaseLimitA, int periodMs) throws Exception {
        List<TestBridge> bridges = new ArrayList<>();
        TransformerMeterSlave meter = new TransformerMeterSlave();
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        Gateway gateway = null;
        try {
            StringBuilder yaml = new StringBuilder("""
                    gatewayId: gw-swing
                    compound:
                      transformer: { limitKw: %s, phaseLimitA: %s, phaseVoltageV: %s }
                      piles:
                    """.formatted(limitKw, phaseLimitA, VOLTS));
            for (int i = 0; i < piles; i++) {
                TestBridge b = TestBridge.withCar("p" + i, car -> new LaggingCar(car, lag));
                bridges.add(b);
                yaml.append("    - { id: p%d, phase: %s, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }\n"
                        .formatted(i, "ABC".charAt(i % 3), b.port()));
            }
            yaml.append("""
                    meters:
                      transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 100, retries: 0 } }
                    control: { periodMs: %d }
                    store: { path: orderly.db }
                    """.formatted(meter.port, periodMs)).append(LiveRig.FLAT_TARIFF);
            // Before the run the households stay at what they draw at its start; from it, they swing.
            long[] startNanos = {Long.MAX_VALUE};
            feeder.scheduleAtFixedRate(() -> feed(meter, swings, bridges, startNanos[0]), 0, 10, TimeUnit.MILLISECONDS);
            Path devices = LiveRig.devices();
            GatewayConfig config = ConfigLoader.parse("swing.yaml", yaml.toString(), devices, dir);
            gateway = LiveRig.startGateway(config, dir, devices);
            ControlLoop loop = gateway.loop();
            until("every session open", 60, () -> sessionsOpen(loop, bridges));
            Instant departure = Instant.now().plus(Duration.ofHours(1));
            for (int i = 0; i < piles; i++) {
                loop.declare(i, new Declaration(departure, 40));
            }
            double room = Math.min(limitKw, 3 * phaseLimitA * VOLTS / 1000) - swings.totalKw(0);
            until("the cars charging", 90, () -> evKw(bridges) > 0.8 * Math.min(room, piles * CAR_KW));
            // A car cut in the warm-up (its probe, the first plans) may still be following: the run starts once every car
            // draws no more than it is offered, so that no spell over is the warm-up's.
            until("every car within its offer", 60, () -> bridges.stream()
                    .allMatch(b -> b.powerKw() <= b.ampsOffered() * VOLTS / 1000 + 0.05));
            double[] carsLine = new double[3];
            for (int i = 0; i < piles; i++) {
                carsLine[i % 3] += CAR_KW;
            }
            SwingTally tally = new SwingTally(limitKw, phaseLimitA * VOLTS / 1000, carsLine);
            long cyclesAtStart = loop.cycles();
            long failuresAtStart = loop.failures();
            long overrunsAtStart = loop.overruns();
            long notNormal = 0;
            long stops = 0;
            boolean[] offered = new boolean[piles];
            for (int i = 0; i < piles; i++) {
                offered[i] = bridges.get(i).ampsOffered() > 0;
            }
            long seenCycle = cyclesAtStart;
            String tracePath = System.getProperty("swing.trace");
            java.io.PrintWriter trace = tracePath == null ? null
                    : new java.io.PrintWriter(Files.newBufferedWriter(dir.resolve(tracePath)));
            long start = System.nanoTime();
            startNanos[0] = start;
            long last = start;
            while (true) {
                Thread.sleep(20);
                long now = System.nanoTime();
                double t = (now - start) / 1e9;
                if (t >= seconds) {
                    break;
                }
                double[] households = new double[3];
                double[] cars = new double[3];
                for (int l = 0; l < 3; l++) {
                    households[l] = swings.lineKw(l, t);
                }
                for (int i = 0; i < piles; i++) {
                    cars[i % 3] += bridges.get(i).powerKw();
                    boolean on = bridges.get(i).ampsOffered() > 0;
                    stops += offered[i] && !on ? 1 : 0;
                    offered[i] = on;
                }
                long cycle = loop.cycles();
                if (trace != null) {
                    double[] offeredLine = new double[3];
                    for (int i = 0; i < piles; i++) {
                        offeredLine[i % 3] += bridges.get(i).ampsOffered() * VOLTS / 1000;
                    }
                    trace.printf(Locale.ROOT, "%.3f %d %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f%n", t, cycle,
                            households[0], households[1], households[2], cars[0], cars[1], cars[2], offeredLine[0],
                            offeredLine[1], offeredLine[2]);
                }
                tally.sample((now - last) / 1e9, households, cars, cycle);
                last = now;
                if (cycle != seenCycle) {
                    seenCycle = cycle;
                    notNormal += loop.mode() == ControlMode.NORMAL ? 0 : 1;
                }
            }
            if (trace != null) {
                trace.close();
            }
            double[] row = tally.row().values();
            System.out.println("# spells (start+length/cycles): " + tally.spells());
            double[] out = Arrays.copyOf(row, row.length + 5);
            out[row.length] = loop.cycles() - cyclesAtStart;
            out[row.length + 1] = notNormal;
            out[row.length + 2] = loop.failures() - failuresAtStart;
            out[row.length + 3] = loop.overruns() - overrunsAtStart;
            out[row.length + 4] = stops;
            return out;
        } finally {
            feeder.shutdownNow();
            if (gateway != null) {
                gateway.close();
            }
            meter.close();
            bridges.forEach(TestBridge::close);
        }
    }

    /** The meter's lines: the households' swing at this moment plus what the cars on each line draw now. */
    private static void feed(TransformerMeterSlave meter, HouseholdSwings swings, List<TestBridge> bridges,
                             long startNanos) {
        double t = startNanos == Long.MAX_VALUE ? 0 : (System.nanoTime() - startNanos) / 1e9;
        double total = 0;
        for (int l = 0; l < 3; l++) {
            double kw = swings.lineKw(l, t);
            for (int i = l; i < bridges.size(); i += 3) {
                kw += bridges.get(i).powerKw();
            }
            char line = (char) ('A' + l);
            meter.phaseAmps(line, kw * 1000 / VOLTS);
            meter.phaseKw(line, kw);
            total += kw;
        }
        meter.totalKw(total);
    }

    private static double evKw(List<TestBridge> bridges) {
        return bridges.stream().mapToDouble(TestBridge::powerKw).sum();
    }

    private static boolean sessionsOpen(ControlLoop loop, List<TestBridge> bridges) {
        CycleResult last = loop.lastResult();
        return last != null && bridges.stream().allMatch(TestBridge::leased) && last.plugged().size() == bridges.size()
                && last.reasons().stream().noneMatch(r -> r == PileReason.NONE || r == PileReason.PILE_OFFLINE);
    }

    private interface Condition {
        boolean holds();
    }

    private static void until(String what, int seconds, Condition condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not within " + seconds + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
