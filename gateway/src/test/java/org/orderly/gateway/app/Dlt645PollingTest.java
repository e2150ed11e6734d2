package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import org.orderly.gateway.app.config.MapDirs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.MeterPoller;
import org.orderly.gateway.field.dlt645.SimulatedMetersAccess;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/** A configured DL/T 645 transformer meter is polled like a Modbus one: its total power reaches the control loop's view. */
class Dlt645PollingTest {
    @TempDir
    Path dir;

    @Test
    void configuredDlt645TransformerMeterFeedsTheFieldView() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                AutoCloseable meters = SimulatedMetersAccess.start(python, dir,
                        "{\"meters\": {\"000000123456\": {\"02030000\": 1.5625, \"02020100\": 3.125,"
                                + " \"02020200\": 2.95, \"02020300\": 2.5}}}",
                        line)) {
            Reading r = firstTransformerReading(config("{ address: \"000000123456\", ctRatio: 40 }",
                    "serial: { port: \"" + line.master + "\" }"));
            assertThat(r.values()).containsEntry("power.total.kw", 62.5).containsEntry("current.a.a", 125.0)
                    .containsEntry("current.c.a", 100.0);
        }
    }

    /** The text of a configuration with a DL/T 645 transformer meter {@code dlt645} on a bus reached at {@code line}. */
    private static String config(String dlt645, String line) {
        return """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, plain: true } } }
                meters:
                  transformer: { bus: room-645, dlt645: %s }
                buses:
                  - { name: room-645, protocol: dlt645, %s, timing: { timeoutMs: 800 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(dlt645, line);
    }

    /**
     * Polls {@code text}'s meters until the transformer's reading reaches the control loop's field view (10 s at most),
     * and returns it.
     */
    private Reading firstTransformerReading(String text) throws Exception {
        GatewayConfig c = ConfigLoader.parse("inline.yaml", text, Path.of("src/test/resources/config/devices"), dir);
        LatestReadings readings = new LatestReadings();
        List<MeterPoller> pollers = MeterPollers.start(c, MapDirs.shipped(Path.of("src/test/resources/config/devices")),
                Duration.ofMillis(500), readings, PollListener.NONE, Clock.systemUTC(), Ticker.SYSTEM).pollers();
        try {
            FieldView view = new FieldView(readings, c.transformerMeter().id(), List.of(), TimeScale.REAL, Ticker.SYSTEM,
                    LineSource.NONE, Double.NaN, PileMeters.NONE);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (view.transformer() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(view.transformer()).as("a DL/T 645 transformer reading within 10 s").isNotNull();
            Reading r = readings.latest("transformer").orElseThrow();
            assertThat(view.transformer().totalKw()).isEqualTo(r.values().get("power.total.kw"));
            assertThat(readings.isStale("transformer", Ticker.SYSTEM.now(), Duration.ofSeconds(5))).isFalse();
            return r;
        } finally {
            pollers.forEach(MeterPoller::close);
        }
    }

    @Test
    void aConfiguredDlt645_1997TransformerMeterIsReadInItsEditionsTable() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                AutoCloseable meters = SimulatedMetersAccess.start(python, dir,
                        "{\"meters\": {\"000000123456\": {\"B630\": 1.5625, \"B621\": 3.25, \"B622\": 2.95,"
                                + " \"B623\": 2.5}}, \"v1997\": [\"000000123456\"]}",
                        line)) {
            Reading r = firstTransformerReading(config("{ address: \"000000123456\", version: 1997, ctRatio: 40 }",
                    "serial: { port: \"" + line.master + "\" }"));
            assertThat(r.values()).containsEntry("power.total.kw", 62.5).containsEntry("current.a.a", 130.0)
                    .containsEntry("current.c.a", 100.0);
        }
    }

    @Test
    void aDlt645BusThroughAnRs485ToTcpConverterFeedsTheFieldView() throws Exception {
        String python = ExternalTools.require("python3-serial");
        try (SimulatedMetersAccess.Converter converter = SimulatedMetersAccess.behindConverter(python, dir,
                "{\"meters\": {\"000000123456\": {\"02030000\": 1.5625, \"02020100\": 3.125, \"02020200\": 2.95,"
                        + " \"02020300\": 2.5}}}")) {
            Reading r = firstTransformerReading(config("{ address: \"000000123456\", ctRatio: 40 }",
                    "tcp: { host: 127.0.0.1, port: " + converter.port() + " }"));
            assertThat(r.values()).containsEntry("power.total.kw", 62.5).containsEntry("current.a.a", 125.0);
            assertThat(converter.log()).contains("client connected");
        }
    }
}
