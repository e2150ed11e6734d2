package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} and {@code read} pointed at a web server's port on 127.0.0.1 (the JDK's HTTP server): no
 * meter is "found" there, and the advice is a TCP address's, not a serial line's baud rate or parity.
 */
class ModbusScanHttpPortTest {
    private static final Path DEVICES = Path.of("../config/devices");
    private HttpServer http;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private String port() {
        return Integer.toString(http.getAddress().getPort());
    }

    @Test
    void aScanOfAWebServersPortFindsNoMeterAndGivesNoSerialAdvice() {
        OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", port(), "--units", "1-1",
                "--timeout-ms", "300", "--devices", DEVICES.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("garbled");
        assertThat(r.err().strip()).startsWith("orderly modbus scan: ").containsAnyOf("no meter answered", "does not answer Modbus TCP")
                .contains("--tcp-port").doesNotContain("baud").doesNotContain("parity");
    }

    @Test
    void aReadOfAWebServersPortGivesNoSerialAdvice() {
        OrderlyRun r = OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", port(), "--unit", "1", "--map",
                "chint-dtsu666", "--timeout-ms", "300", "--devices", DEVICES.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("baud rate or parity");
    }
}
