package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An IPv4 address mistyped (a number above 255, a part left out) is no host name either: a name of digits and dots only
 * is none that DNS gives out. Until 2026-12-03 check-config took {@code host: 192.168.10.256} for a host name and said OK,
 * and the gateway then failed to reach the meter (or the bridge) at every poll, its address never to resolve. Refused at
 * its line, for a bus's {@code tcp.host} and a bridge's {@code coap.host} alike.
 */
class MistypedIpAddressTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    @ParameterizedTest(name = "host: {0}")
    @ValueSource(strings = {"192.168.10.256", "192.168.10", "192.168.10.20.5", "1921.68.10.20"})
    void aBusHostOfDigitsThatIsNoIpv4AddressIsRefusedAtItsLine(String host) throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                .replace("tcp: { host: 127.0.0.1, port: 5020 }", "tcp: { host: " + host + ", port: 5020 }");
        assertThat(text).contains("host: " + host + ",");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));

        assertThat(e).as("host " + host + " accepted").isNotNull();
        assertThat(e.problems()).containsExactly("t.yaml:26:18: 'host' in buses[0].tcp: '" + host + "' is not an IPv4 "
                + "address (four numbers, each 0..255), nor a host name; the meter gateway's address, e.g. host: 192.168.10.20");
    }

    /** Written with leading zeros it is an address the JDK reaches (as 192.168.10.20): taken, as before. */
    @org.junit.jupiter.api.Test
    void anIpv4AddressWithLeadingZerosIsStillTaken() throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                .replace("tcp: { host: 127.0.0.1, port: 5020 }", "tcp: { host: 192.168.010.020, port: 5020 }");

        ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES);
    }

    @ParameterizedTest(name = "host: {0}")
    @ValueSource(strings = {"10.20.0.256", "10.20.0"})
    void aBridgeHostOfDigitsThatIsNoIpv4AddressIsRefusedAtItsLine(String host) throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                .replace("coap: { host: 127.0.0.1,", "coap: { host: " + host + ",");
        assertThat(text).contains("host: " + host + ",");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));

        assertThat(e).as("host " + host + " accepted").isNotNull();
        assertThat(e.problems()).singleElement().asString()
                .startsWith("t.yaml:13:23: 'host' in compound.piles[0].driver.coap: '" + host + "' is not an IPv4 address "
                        + "(four numbers, each 0..255), nor a host name; ");
    }
}
