package org.orderly.bridge.meter;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pile's meter, read on its own thread every period: its latest good answer is {@link #reading()}, which the pile's
 * step takes without waiting. Nothing here holds the pile's lock; a read on the wire takes as long as the meter does,
 * each request at most the timeout (on a serial line with its frames' time besides): a reply not whole by then is
 * given up ({@link MeterLink}).
 *
 * <p>Every answer is checked before it is taken: a value that is not a number, a negative import total, a total below
 * the last one taken ({@link EnergyCount}), a power above the pile's most by more than {@value #POWER_MARGIN_PERCENT} %
 * or below zero by more than {@value #NEGATIVE_NOISE_PERCENT} % of it is refused, and the last good values held. The
 * log speaks when something changes, not at every read: one WARN when the meter stops answering or a kind of value is
 * first refused (DEBUG while it goes on), INFO when it answers well again.
 */
public final class PileMeter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PileMeter.class);

    /** How far above the pile's most power (max A x phases x V) a reading is absurd. */
    static final int POWER_MARGIN_PERCENT = 25;
    /** How far below zero, in % of the pile's most power, a reading is still a meter's no-load noise. */
    static final int NEGATIVE_NOISE_PERCENT = 1;

    private final MeterConfig config;
    private final String prefix;
    private final double pileMaxW;
    private final Consumer<MeterEvent> events;
    private final MeterLink link;
    private final EnergyCount count = new EnergyCount();
    private final ScheduledExecutorService thread;
    /** Each request's deadline (MeterLink): not the meter's thread, which the request holds. */
    private final ScheduledExecutorService deadlines;
    private final AtomicReference<MeterReading> reading = new AtomicReference<>(MeterReading.NONE);
    private final AtomicLong polls = new AtomicLong();
    /** Set by {@link #close()}: a read that fails from then on failed because of the stop, not the meter. */
    private volatile boolean closing;
    /** What is wrong now (the meter's thread only): null while it answers well. */
    private String problem;

    private PileMeter(String pileId, MeterConfig config, double pileMaxKw, Consumer<MeterEvent> events) {
        this.config = Objects.requireNonNull(config, "config");
        this.prefix = "pile " + pileId + ": meter " + config.describe() + ": ";
        this.pileMaxW = pileMaxKw * 1000.0;
        this.events = Objects.requireNonNull(events, "events");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meter-" + pileId);
            t.setDaemon(true);
            return t;
        });
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meter-" + pileId + "-deadline");
            t.setDaemon(true);
            return t;
        });
        this.link = new MeterLink(config.transport(), config.timeout(), deadlines);
    }

    /**
     * Starts reading the meter of pile {@code pileId}, whose most power is {@code pileMaxKw} (max A x phases x V), at
     * once and then every period; {@code events} hears what the log says at WARN and INFO.
     */
    public static PileMeter start(String pileId, MeterConfig config, double pileMaxKw, Consumer<MeterEvent> events) {
        PileMeter meter = new PileMeter(pileId, config, pileMaxKw, events);
        meter.thread.scheduleWithFixedDelay(meter::poll, 0, config.period().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("{}reading total active power and import energy every {} ms", meter.prefix,
                config.period().toMillis());
        return meter;
    }

    /** As {@link #start(String, MeterConfig, double, Consumer)}, its events in the log only. */
    public static PileMeter start(String pileId, MeterConfig config, double pileMaxKw) {
        return start(pileId, config, pileMaxKw, event -> { });
    }

    /** The latest good answer and whether the latest answer was good; never waits for the meter. */
    public MeterReading reading() {
        return reading.get();
    }

    /** How many reads have ended, well or not. */
    public long polls() {
        return polls.get();
    }

    private void poll() {
        try {
            MeterReply reply;
            try {
                reply = link.read(config.model(), config.unit());
            } catch (Exception e) {
                if (closing) {
                    LOG.debug("{}stopped during a read: {}", prefix, describe(e));
                    return;
                }
                problem("failing", new MeterEvent.Failing(prefix + "does not answer: " + describe(e)
                        + "; /status holds the session's energy, says the offer's most power in C, meterOk false"));
                return;
            }
            judge(reply);
        } catch (RuntimeException e) {
            LOG.error("{}read failed unexpectedly", prefix, e); // a scheduled task that throws is never run again
        } finally {
            polls.incrementAndGet();
        }
    }

    private void judge(MeterReply reply) {
        double powerW = reply.powerW();
        double importKwh = reply.importKwh();
        if (!Double.isFinite(powerW)) {
            refuse("power", "power " + powerW + " W is not a finite number");
        } else if (!Double.isFinite(importKwh)) {
            refuse("energy", "import energy " + importKwh + " kWh is not a finite number");
        } else if (importKwh < 0.0) {
            refuse("negative energy", "import energy " + importKwh + " kWh is negative");
        } else if (powerW > pileMaxW * (100 + POWER_MARGIN_PERCENT) / 100.0) {
            refuse("absurd power", "power " + powerW + " W is above " + watts(pileMaxW * (100 + POWER_MARGIN_PERCENT)
                    / 100.0) + " W, " + POWER_MARGIN_PERCENT + " % over the pile's most (" + watts(pileMaxW) + " W)");
        } else if (powerW < -pileMaxW * NEGATIVE_NOISE_PERCENT / 100.0) {
            refuse("negative power", "power " + powerW + " W is negative (wired the wrong way round?)");
        } else if (!reply.phaseAmps().stream().allMatch(a -> Double.isFinite(a) && a >= 0.0)) {
            refuse("current", "phase currents " + reply.phaseAmps() + " A are not all finite numbers of 0 or more");
        } else {
            count(powerW, importKwh, reply.phaseAmps());
        }
    }

    private void count(double powerW, double importKwh, List<Double> phaseAmps) {
        EnergyCount.Outcome outcome = count.take(importKwh);
        if (outcome instanceof EnergyCount.Backwards backwards) {
            refuse("backwards", "import energy went backwards from " + backwards.fromKwh() + " kWh to "
                    + backwards.toKwh() + " kWh (reset or replaced?)");
            return;
        }
        double countedKwh = outcome instanceof EnergyCount.Rebased rebased ? rebased.countedKwh()
                : ((EnergyCount.Counted) outcome).countedKwh();
        boolean first = reading.get().lastGood().isEmpty();
        reading.set(new MeterReading(true, Optional.of(new MeterValues(powerW / 1000.0, importKwh, countedKwh,
                phaseAmps))));
        String values = powerW + " W, " + importKwh + " kWh";
        if (outcome instanceof EnergyCount.Rebased rebased) {
            tell(new MeterEvent.Rebased(prefix + "import energy " + rebased.toKwh() + " kWh again, below the "
                    + rebased.fromKwh() + " kWh it had: taken as a reset or replaced meter, counted on from there"));
        } else if (problem != null) {
            tell(new MeterEvent.Answering(prefix + (first ? "answers: " : "answers again: ") + values));
        } else if (first) {
            LOG.info("{}first read: {}", prefix, values);
        }
        problem = null;
    }

    private void refuse(String kind, String what) {
        problem("refused " + kind, new MeterEvent.Refused(prefix + what + "; not taken"));
    }

    /** The meter's answer is not taken: the last good values are held; said once per kind of problem in a row. */
    private void problem(String kind, MeterEvent event) {
        reading.set(new MeterReading(false, reading.get().lastGood()));
        if (kind.equals(problem)) {
            LOG.debug("{}", event.message());
            return;
        }
        problem = kind;
        tell(event);
    }

    private void tell(MeterEvent event) {
        if (event instanceof MeterEvent.Failing || event instanceof MeterEvent.Refused) {
            LOG.warn("{}", event.message());
        } else {
            LOG.info("{}", event.message());
        }
        events.accept(event);
    }

    private static String watts(double w) {
        return String.format(Locale.ROOT, "%.0f", w);
    }

    /** j2mod says much in its messages and causes: the exception's type and message, and its cause's. */
    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause != null && (e.getMessage() == null || !e.getMessage().contains(String.valueOf(cause.getMessage())))) {
            text.append(" (").append(cause).append(')');
        }
        return text.toString();
    }

    /**
     * Stops reading: a read in progress is given up at once (its connection or port closed under it, without waiting
     * for j2mod's lock, which the read holds). Then the connection is closed.
     */
    @Override
    public void close() {
        closing = true;
        thread.shutdown();
        link.abandon();
        try {
            if (!thread.awaitTermination(config.timeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        link.close();
        deadlines.shutdownNow(); // after the meter's thread: a request of a read in progress still has its deadline
    }
}
