package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.field.pile.CoapPileConfig;

/**
 * A bridge's {@code driver.coap.host} is an IP address or a host name. docs/operations.md expects IPv6 addresses there
 * ("the host compared in any case and an IPv6 address however written"), and the driver makes its URI of it. Until
 * 2026-12-03 it was taken as any text, and the URI {@code coap://HOST:PORT/limit} for an IPv6 address without
 * brackets, or a host with its port written into it, was no URI: check-config said OK (exit 0), and the running
 * gateway logged an ERROR with a stack trace at every offer
 * ({@code LeaseKeeper - pile p1: sending 0.0 A failed unexpectedly ... IllegalArgumentException: URI expected host ...
 * is invalid!}), every second, and never drives the pile. Either the file is refused at the host's line, or the host
 * it accepts must make a request the driver can send. No packet is sent: the URI is only parsed, and the addresses are
 * literals (nothing is looked up).
 */
class DeviceHostTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    @ParameterizedTest(name = "host: \"{0}\"")
    @ValueSource(strings = {"::ffff:127.0.0.1", "127.0.0.1:5683", "::1"})
    void aBridgeHostTheFileAcceptsCanBeDriven(String host) throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml")).replace(
                "coap: { host: 127.0.0.1, pskIdentity: p1, pskKeyFile: keys/p1.psk }",
                "coap: { host: \"" + host + "\", port: 5683, plain: true }");
        assertThat(text).contains(host);
        GatewayConfig c;
        try {
            c = ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES);
        } catch (ConfigException refused) {
            assertThat(refused.problems()).singleElement().asString().startsWith("t.yaml:13:");
            return; // refused at its line: fine
        }
        PileDriver.Coap coap = (PileDriver.Coap) c.piles().get(0).driver();
        // As PileDrivers builds it for the running gateway, and CoapPileDriver sends its PUT /limit.
        String uri = CoapPileConfig.plain("p1", coap.host(), coap.port()).uri("/limit");
        Throwable t = catchThrowable(() -> Request.newPut().setURI(uri));
        assertThat(t).as("accepted by check-config, the bridge's URI " + uri).isNull();
    }
}
