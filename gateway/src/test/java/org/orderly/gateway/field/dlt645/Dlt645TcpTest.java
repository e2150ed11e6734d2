package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.CollectingListener;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.testkit.ExternalTools;

/**
 * DL/T 645 through a transparent RS-485-to-TCP converter: dlt645_meter.py listening on 127.0.0.1 as one, the client
 * and the poller on a {@link TcpLine}. The frames, the deadline and the checks are the serial line's; a connection the
 * converter drops is connected afresh; a converter not reached is its meters' failure, not the page's port alarm.
 */
class Dlt645TcpTest {
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @TempDir
    Path dir;

    @Test
    void theClientReadsBothEditionsThroughTheConverterAndSortsItsFailures() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String spec = """
                {"meters": {"000000123456": {"02030000": 12.3456}, "000000000097": {"B630": 1.5},
                            "000000000043": {"02030000": 1.0}},
                 "v1997": ["000000000097"], "bad_checksum": ["000000000043"],
                 "silent": {"000000123456": ["02020100"]}}
                """;
        try (SimulatedMeters converter = SimulatedMeters.behindConverter(python, dir, spec);
                Dlt645Client client = new Dlt645Client(TcpLine.open(new BusEndpoint.Tcp("127.0.0.1", converter.port()),
                        TIMEOUT), TIMEOUT, Ticker.SYSTEM)) {
            assertThat(client.read(MeterAddress.parse("123456"), DataId.POWER_TOTAL)).isEqualTo(12.3456);
            assertThat(client.read(MeterAddress.parse("97"), DataId.POWER_TOTAL_1997)).isEqualTo(1.5);

            FieldReadException silent = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(MeterAddress.parse("123456"), DataId.CURRENT_A));
            assertThat(silent.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(silent).hasMessageContaining("tcp://127.0.0.1:" + converter.port() + " meter 000000123456")
                    .hasMessageContaining("no complete reply within 600 ms");

            FieldReadException badSum = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(MeterAddress.parse("43"), DataId.POWER_TOTAL));
            assertThat(badSum.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(badSum).hasMessageContaining("checksum");

            assertThat(client.read(MeterAddress.parse("123456"), DataId.POWER_TOTAL)).as("the line still works").isEqualTo(12.3456);
        }
    }

    @Test
    void aDroppedConnectionIsConnectedAfreshAndAConverterGoneIsItsMetersFailureNotThePortAlarm() throws Exception {
        String python = ExternalTools.require("python3-serial");
        // The converter drops its client after every second answer, and after the fourth stops listening.
        String spec = """
                {"meters": {"000000123456": {"02030000": 12.3456}}, "close_after": 2}
                """;
        CollectingListener listener = new CollectingListener();
        List<Reading> readings = listener.readings;
        BusTiming timing = new BusTiming(Duration.ofMillis(100), Duration.ofMillis(5), TIMEOUT, 1, Duration.ofMillis(10),
                Duration.ofMillis(10));
        Dlt645Meter meter = new Dlt645Meter("transformer", MeterAddress.parse("123456"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        int port;
        try (SimulatedMeters converter = SimulatedMeters.behindConverter(python, dir, spec)) {
            port = converter.port();
            BusEndpoint.Tcp at = new BusEndpoint.Tcp("127.0.0.1", port);
            Dlt645Poller poller = new Dlt645Poller("room-645", () -> TcpLine.open(at, TIMEOUT), FailureRateHint.MODBUS_TCP,
                    timing, TimeoutBound.ANY, List.of(meter), new LatestReadings(), listener, Clock.systemUTC(), Ticker.SYSTEM,
                    Sleeper.REAL);
            try {
                for (int i = 0; i < 6; i++) {
                    poller.runCycle();
                }
                // Six polls, the connection dropped after every second: each drop costs a retry, not a reading.
                assertThat(readings).hasSize(6);
                assertThat(converter.log().split("client connected", -1)).as(converter.log()).hasSizeGreaterThanOrEqualTo(4);
                converter.close();
                poller.runCycle();
                poller.runCycle();
            } finally {
                poller.close();
            }
        }
        assertThat(readings).hasSize(6);
        assertThat(listener.failures).isNotEmpty().allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION);
            assertThat(f.message()).contains("RS-485 converter tcp://127.0.0.1:" + port + " not reached");
        });
        assertThat(listener.portAlarms).as("a converter not reached is no serial port of the gateway's own").isEmpty();
    }
}
