package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.CycledLoop;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.view.Overview;

/**
 * {@code /metrics} and {@code /healthz} read the control mode from the same overview, the page's latest: while the
 * control loop's last cycle is already in another mode than the overview shows (the page builds its overview once a
 * period, so a cycle can fall between), a scrape and a health check say the overview's mode, and the scrape's other
 * figures (the transformer's load, the meter's alarm) agree with it. Until 2026-12-05 {@code /healthz} and the
 * scrape's {@code orderly_control_mode} read the loop's mode live, while the load and the alarms were the overview's.
 */
class MonitoringOneOverviewTest {
    @TempDir
    Path dir;

    private Store store;
    private ControlLoop loop;

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aScrapeAndAHealthCheckSayTheModeOfTheOneOverviewBothRead() throws Exception {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC());
        List<PileDriver> drivers = List.of(new UnheardPile("p0"), new UnheardPile("p1"), new UnheardPile("p2"));
        // No transformer reading: the loop's one cycle was conservative.
        loop = CycledLoop.of(drivers, store, Clock.systemUTC());
        assertThat(loop.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        AtomicReference<Overview> shown = new AtomicReference<>(MadeOverview.of(3, ControlMode.NORMAL));
        GatewayMetrics metrics = new GatewayMetrics(new MonitoredParts(loop, new FailureCounts(), store,
                Optional.empty(), drivers), shown::get, Clock.systemUTC());
        Health health = new Health(loop, store, List::of, shown::get);

        ScrapedMetrics normal = scrape(metrics);
        assertThat(health.problem()).as("/healthz with the overview normal").isEmpty();
        assertThat(normal.get("orderly_control_mode{mode=\"normal\"}")).isEqualTo(1);
        assertThat(normal.get("orderly_control_mode{mode=\"conservative\"}")).isZero();
        assertThat(normal.value("orderly_transformer_load_watts")).hasValue(40_000);

        shown.set(MadeOverview.of(3, ControlMode.CONSERVATIVE));
        ScrapedMetrics conservative = scrape(metrics);
        assertThat(health.problem()).hasValueSatisfying(
                line -> assertThat(line).startsWith("control: conservative, no fresh transformer reading"));
        assertThat(conservative.get("orderly_control_mode{mode=\"conservative\"}")).isEqualTo(1);
        assertThat(conservative.value("orderly_transformer_load_watts")).isEmpty();
        assertThat(conservative.get("orderly_alarms_active{kind=\"meter_stale\"}")).isEqualTo(1);
    }

    private static ScrapedMetrics scrape(GatewayMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return new ScrapedMetrics(out.toString(StandardCharsets.UTF_8));
    }
}
