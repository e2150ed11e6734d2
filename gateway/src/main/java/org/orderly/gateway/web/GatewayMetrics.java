package org.orderly.gateway.web;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.orderly.gateway.app.BuildTime;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.upstream.Upstream;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.MeterView;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.PileRow;

/**
 * The page's {@code GET /metrics} (docs/operations.md, "Monitoring"), in the Prometheus text format by the Prometheus
 * Java client: each figure read at the scrape from the part that already keeps it (the control loop's counts, the
 * overview the page's live feed built last, the store's and the outbox's counts, the meter pollers', the pile
 * drivers'), none counted anew for it, nothing asked of the control thread. The overview is taken once per scrape, so
 * that the figures of one scrape are of one overview; the control mode is that overview's, as {@link Health} reads
 * it, so that a scrape and a health check of one overview say the same mode. Labels are the configuration's meter and
 * pile ids, the phases, the alarm kinds and the control modes: a set fixed at the start.
 */
final class GatewayMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Supplier<Overview> overviews;
    private final Clock clock;
    /** The overview this scrape reads; set under the lock of {@link #write}. */
    private Overview scraped;

    GatewayMetrics(Gateway gateway, Supplier<Overview> overviews, Clock clock) {
        this(MonitoredParts.of(gateway), overviews, clock);
    }

    GatewayMetrics(MonitoredParts parts, Supplier<Overview> overviews, Clock clock) {
        this.overviews = overviews;
        this.clock = clock;
        Info build = Info.builder().name("orderly_build").help("This build: its version (value always 1)")
                .labelNames("version").register(registry);
        build.setLabelValues(BuildTime.version());
        control(parts.loop());
        meters(parts.meterPolls());
        compound();
        setpoints(parts.drivers());
        store(parts.store());
        parts.upstream().ifPresent(this::upstream);
        alarms();
    }

    /** The content type of what {@link #write} writes. */
    String contentType() {
        return writer.getContentType();
    }

    /** Writes every figure, as of now, to {@code out}. */
    synchronized void write(OutputStream out) throws IOException {
        scraped = overviews.get();
        try {
            writer.write(out, registry.scrape());
        } finally {
            scraped = null;
        }
    }

    private void control(ControlLoop loop) {
        counter("orderly_control_cycles", "Control cycles completed since the start", cb -> cb.accept(loop.cycles()));
        counter("orderly_control_cycle_failures", "Control cycles that threw (logged; the loop went on)",
                cb -> cb.accept(loop.failures()));
        counter("orderly_control_cycle_overruns", "Control cycles that took longer than control.periodMs",
                cb -> cb.accept(loop.overruns()));
        gauge("orderly_control_last_cycle_age_seconds",
                "Seconds since the last control cycle completed (absent before the first)",
                cb -> loop.sinceLastCycle().ifPresent(age -> cb.accept(seconds(age))));
        gauge("orderly_control_stall_seconds", "Age of the last cycle beyond which the loop counts as stalled",
                cb -> cb.accept(seconds(loop.overdueAfter())));
        GaugeWithCallback.builder().name("orderly_control_mode")
                .help("1 for the mode the last control cycle decided in, 0 for the others (absent before the first)")
                .labelNames("mode").callback(cb -> {
                    // The overview's, as /healthz reads it: a scrape and a health check of one overview agree.
                    Overview o = scraped;
                    if (o != null) {
                        ShownMode.of(o).ifPresent(now -> {
                            for (ControlMode m : ControlMode.values()) {
                                cb.call(m == now ? 1 : 0, m.name().toLowerCase(Locale.ROOT));
                            }
                        });
                    }
                }).register(registry);
    }

    private void meters(FailureCounts polls) {
        CounterWithCallback.builder().name("orderly_meter_polls").help("Meter polls answered, per meter")
                .labelNames("meter").callback(cb -> {
                    for (String meter : polls.meters()) {
                        cb.call(polls.readings(meter), meter);
                    }
                }).register(registry);
        CounterWithCallback.builder().name("orderly_meter_poll_failures")
                .help("Meter polls failed after all their attempts, per meter and kind of failure")
                .labelNames("meter", "kind").callback(cb -> {
                    for (String meter : polls.meters()) {
                        Map<FailureKind, Long> failed = polls.failures(meter);
                        for (FailureKind kind : FailureKind.values()) {
                            cb.call(failed.getOrDefault(kind, 0L), meter, kind.name().toLowerCase(Locale.ROOT));
                        }
                    }
                }).register(registry);
    }

    /** The transformer, its lines and the piles, from the overview the page shows. */
    private void compound() {
        gauge("orderly_transformer_load_watts", "The transformer's load, while the last cycle trusted the meter's "
                + "reading (absent while it did not: the meter stale, missing or flowing back)", cb -> {
                    Overview o = scraped;
                    if (o != null && o.transformerKw() != null && o.meter().status() == MeterView.Status.FRESH) {
                        cb.accept(o.transformerKw() * 1000);
                    }
                });
        overview("orderly_transformer_limit_watts", "The transformer's limit, compound.transformer.limitKw",
                o -> o.limitKw() * 1000);
        overview("orderly_transformer_limit_in_force_watts",
                "The limit the last control cycle kept to: the transformer's, or a lower grid cap",
                o -> o.limitNowKw() * 1000);
        overview("orderly_ev_load_watts", "What the piles heard from draw", o -> o.evKw() * 1000);
        overview("orderly_piles_plugged", "Piles heard from with a car plugged in", o -> o.plugged());
        overview("orderly_piles_charging", "Piles heard from whose car charges", o -> o.charging());
        overview("orderly_piles_offline", "Piles the control cycle found offline", o -> o.offline());
        GaugeWithCallback.builder().name("orderly_pile_offline")
                .help("1 when the pile has not been heard from for control.pileOfflineAfterMs, else 0")
                .labelNames("pile").callback(cb -> {
                    Overview o = scraped;
                    if (o != null) {
                        for (PileRow p : o.piles()) {
                            cb.call("offline".equals(p.state()) ? 1 : 0, p.id());
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("orderly_pile_offered_amperes")
                .help("The current the last control cycle gave the pile").labelNames("pile").callback(cb -> {
                    Overview o = scraped;
                    if (o != null) {
                        for (PileRow p : o.piles()) {
                            cb.call(p.amps(), p.id());
                        }
                    }
                }).register(registry);
        overview("orderly_phase_limit_amperes", "The per-phase limit each phase's load is taken against",
                o -> o.meter().phaseLimitA());
        GaugeWithCallback.builder().name("orderly_phase_load_ratio")
                .help("Each phase's load as a share of the per-phase limit (1 = at the limit), while the reading is "
                        + "fresh").labelNames("phase").callback(cb -> {
                    Overview o = scraped;
                    if (o != null) {
                        for (MeterView.PhaseLoad p : o.meter().phases()) {
                            cb.call(p.share(), p.phase());
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("orderly_phase_current_amperes")
                .help("Each phase's current, where the meter reads it, while the reading is fresh")
                .labelNames("phase").callback(cb -> {
                    Overview o = scraped;
                    if (o != null) {
                        for (MeterView.PhaseLoad p : o.meter().phases()) {
                            if (p.amps() != null) {
                                cb.call(p.amps(), p.phase());
                            }
                        }
                    }
                }).register(registry);
    }

    /** Each pile's failed sendings of its limit, as its driver counts them on its own thread. */
    private void setpoints(List<PileDriver> drivers) {
        CounterWithCallback.builder().name("orderly_pile_setpoint_failures")
                .help("Sendings of a limit to the pile (a change or a lease's refresh) that failed: refused, "
                        + "unanswered or not reached").labelNames("pile").callback(cb -> {
                    for (PileDriver d : drivers) {
                        cb.call(d.setpointFailures(), d.pileId());
                    }
                }).register(registry);
    }

    private void store(Store store) {
        counter("orderly_store_write_failures", "Store writes that failed in the database",
                cb -> cb.accept(store.failed()));
        counter("orderly_store_writes_dropped", "Store writes dropped because the writer's queue was full",
                cb -> cb.accept(store.dropped()));
        gauge("orderly_store_writable", "1 while the store commits its writes, 0 while it refuses them or is damaged",
                cb -> cb.accept(store.writable() ? 1 : 0));
    }

    private void upstream(Upstream upstream) {
        gauge("orderly_upstream_connected", "1 while the MQTT link to the grid company is connected",
                cb -> cb.accept(upstream.link().connected() ? 1 : 0));
        gauge("orderly_outbox_messages", "Messages in the upstream outbox", cb -> cb.accept(upstream.outbox().size()));
        gauge("orderly_outbox_oldest_age_seconds",
                "Seconds since the next message in line to be published was stored (absent when none waits)",
                cb -> upstream.outbox().oldestWaiting()
                        .ifPresent(at -> cb.accept(seconds(Duration.between(at, clock.instant())))));
        counter("orderly_outbox_dropped", "Messages the outbox's full queue dropped",
                cb -> cb.accept(upstream.outbox().dropped()));
    }

    /** Every kind, 0 when none stands, so that an alert on a kind sees it end. */
    private void alarms() {
        GaugeWithCallback.builder().name("orderly_alarms_active").help("The page's alarms standing now, per kind")
                .labelNames("kind").callback(cb -> {
                    Overview o = scraped;
                    if (o == null) {
                        return;
                    }
                    Map<AlarmKind, Integer> active = new EnumMap<>(AlarmKind.class);
                    for (AlarmKind k : AlarmKind.values()) {
                        active.put(k, 0);
                    }
                    for (Alarm a : o.alarms()) {
                        if (a.clearedAt() == null) {
                            active.merge(a.kind(), 1, Integer::sum);
                        }
                    }
                    active.forEach((k, n) -> cb.call(n, k.name().toLowerCase(Locale.ROOT)));
                }).register(registry);
    }

    private interface Figure {
        double of(Overview o);
    }

    private void overview(String name, String help, Figure figure) {
        gauge(name, help, cb -> {
            Overview o = scraped;
            if (o != null) {
                cb.accept(figure.of(o));
            }
        });
    }

    private void gauge(String name, String help, Consumer<DoubleConsumer> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> value.accept(cb::call)).register(registry);
    }

    private void counter(String name, String help, Consumer<DoubleConsumer> value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> value.accept(cb::call)).register(registry);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
