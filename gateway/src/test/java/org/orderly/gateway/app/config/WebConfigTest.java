package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code web:} section: absent means no page; defaults; each bad value one line at its position. */
class WebConfigTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");
    private static final String BASE = ConfigLoaderTest.MINIMAL + """
            tariff:
              periods: [ { from: "00:00", to: "24:00", price: 1 } ]
            """;

    private static GatewayConfig parse(String web) throws ConfigException {
        return ConfigLoader.parse("orderly.yaml", BASE + web, DEVICES, Path.of("/etc/orderly"));
    }

    @Test
    void withoutTheSectionThereIsNoPage() throws Exception {
        assertThat(parse("").web()).isNull();
    }

    @Test
    void anEmptySectionTakesTheDefaults() throws Exception {
        assertThat(parse("web: {}\n").web()).isEqualTo(new WebConfig("127.0.0.1", 8080, Duration.ofMinutes(60),
                Path.of("/etc/orderly/data/web-users.json")));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        WebConfig web = parse("web: { bind: 192.168.1.10, port: 8443, sessionMinutes: 15, usersFile: /var/lib/orderly/u.json }\n").web();
        assertThat(web).isEqualTo(new WebConfig("192.168.1.10", 8443, Duration.ofMinutes(15), Path.of("/var/lib/orderly/u.json")));
    }

    @Test
    void theOverloadsHoldIsTenSecondsOrWhatIsWrittenWithinItsRange() throws Exception {
        assertThat(parse("web: {}\n").web().overloadHold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("web: { overloadHoldS: 2 }\n").web().overloadHold()).isEqualTo(Duration.ofSeconds(2));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("web: { overloadHoldS: 0 }\n"));
        assertThat(e.problems()).singleElement().asString().contains("overloadHoldS");
    }

    @Test
    void theIdleTimeoutIsJettysThirtySecondsOrWhatIsWrittenWithinItsRange() throws Exception {
        assertThat(parse("web: {}\n").web().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("web: { idleTimeoutS: 2 }\n").web().idleTimeout()).isEqualTo(Duration.ofSeconds(2));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("web: { idleTimeoutS: 0 }\n"));
        assertThat(e.problems()).singleElement().asString().contains("idleTimeoutS");
    }

    @Test
    void metricsAreForASignInUnlessOpenAndNothingElseIsTaken() throws Exception {
        assertThat(parse("web: {}\n").web().metrics()).isEqualTo(MetricsAccess.LOGIN);
        assertThat(parse("web: { metrics: open }\n").web().metrics()).isEqualTo(MetricsAccess.OPEN);
        assertThat(parse("web: { metrics: login }\n").web().metrics()).isEqualTo(MetricsAccess.LOGIN);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("web: { metrics: public }\n"));
        assertThat(e.problems()).containsExactly("orderly.yaml:12:17: 'metrics' in web must be open (anyone who reaches"
                + " the page's address), login (a signed-in browser) or token (a request bearing the token in"
                + " metricsTokenFile, e.g. a Prometheus), was 'public'");
    }

    /** {@code metrics: token} takes the file holding the token, and nothing else does. */
    @Test
    void aMetricsTokenIsReadFromItsFileWithMetricsTokenOnly(@TempDir Path dir) throws Exception {
        Path file = token(dir, "metrics.token", "0123456789abcdef0123456789abcdef\n", "rw-------");
        GatewayConfig config = parse("web: { metrics: token, metricsTokenFile: \"" + file + "\" }\n");
        assertThat(config.web().metrics()).isEqualTo(MetricsAccess.TOKEN);
        assertThat(config.web().metricsTokenFile()).contains(file);
        assertThat(config.warnings()).isEmpty();
        assertThat(parse("web: { metrics: open }\n").web().metricsTokenFile()).isEmpty();

        ConfigException none = catchThrowableOfType(ConfigException.class, () -> parse("web: { metrics: token }\n"));
        assertThat(none.problems()).containsExactly("orderly.yaml:12:6: missing 'metricsTokenFile' in web; metrics:"
                + " token needs the file holding the token Prometheus sends (its credentials_file), e.g."
                + " /etc/orderly/metrics.token made by: openssl rand -hex 32 (docs/operations.md, \"Monitoring\")");
        ConfigException gone = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { metrics: token, metricsTokenFile: \"" + dir.resolve("gone") + "\" }\n"));
        assertThat(gone.problems()).singleElement().asString().startsWith("orderly.yaml:12:42: 'metricsTokenFile' in"
                + " web: file " + dir.resolve("gone") + ": no such file; create it holding the token");
        ConfigException idle = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { metrics: open, metricsTokenFile: \"" + file + "\" }\n"));
        assertThat(idle.problems()).containsExactly("orderly.yaml:12:41: 'metricsTokenFile' in web has no effect with"
                + " metrics: open; remove it, or write metrics: token");
    }

    /**
     * A token an Authorization header cannot carry as written is refused in one line naming the file, not the token; a
     * short one, or one every local user can read, is warned about, as the other secrets' files are.
     */
    @Test
    void aMetricsTokenFileIsCheckedWithoutShowingItsToken(@TempDir Path dir) throws Exception {
        Path spaced = token(dir, "spaced", "correct horse battery staple\n", "rw-------");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { metrics: token, metricsTokenFile: \"" + spaced + "\" }\n"));
        assertThat(e.problems()).containsExactly("orderly.yaml:12:42: 'metricsTokenFile' in web: file " + spaced
                + " holds a space or a character other than printable ASCII within its token, which an Authorization"
                + " header does not carry as written; make it one word, e.g. openssl rand -hex 32");

        Path open = token(dir, "open", "s3cret\n", "rw-r--r--");
        // Others may enter the directory, as they may /tmp's @TempDir's parent, so they may read the file.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        GatewayConfig config = parse("web: { metrics: token, metricsTokenFile: \"" + open + "\" }\n");
        assertThat(config.warnings()).hasSize(2).allSatisfy(w -> assertThat(w)
                .startsWith("orderly.yaml:12:42: warning: 'metricsTokenFile' in web: file " + open)
                .doesNotContain("s3cret"));
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("can be read by every local user"))
                .anySatisfy(w -> assertThat(w).contains("holds a token of 6 characters"));
    }

    private static Path token(Path dir, String name, String text, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void trustedProxiesAreAddressesInJavasForm() throws Exception {
        WebConfig web = parse("web: { trustedProxies: [127.0.0.1, \"::1\"] }\n").web();
        assertThat(web.trustedProxies()).containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(parse("web: {}\n").web().trustedProxies()).isEmpty();
    }

    @Test
    void aTrustedProxyMustBeAnAddress() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { trustedProxies: [127.0.0.1, proxy.local] }\n"));
        assertThat(e.problems()).containsExactly("orderly.yaml:12:36: 'trustedProxies' in web: 'proxy.local' is not an IP address; "
                + "write the proxy's address, e.g. 127.0.0.1 (no host names)");
        ConfigException notAList = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { trustedProxies: 127.0.0.1 }\n"));
        assertThat(notAList.problems()).singleElement().asString().contains("'trustedProxies' in web must be a list");
    }

    @Test
    void hostsAreNamesInOneFormAndNoneMeansEveryName() throws Exception {
        WebConfig web = parse("web: { hosts: [Orderly.LAN., orderly.compound-a.example.com, orderly] }\n").web();
        assertThat(web.hosts()).containsExactlyInAnyOrder("orderly.lan", "orderly.compound-a.example.com", "orderly");
        assertThat(parse("web: {}\n").web().hosts()).isEmpty();

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { hosts: [192.168.1.10, \"http://orderly.lan/\"] }\n"));
        assertThat(e.problems()).containsExactly(
                "orderly.yaml:12:16: 'hosts' in web: '192.168.1.10' is an IP address, which is always answered; list names"
                        + " only; write the names typed in the browser, e.g. orderly.lan",
                "orderly.yaml:12:30: 'hosts' in web: 'http://orderly.lan/' is not a host name; write the names typed in"
                        + " the browser, e.g. orderly.lan");
    }

    @Test
    void httpsNeedsACertificateAndAKeyFile(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("page.crt"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("page.key"), "-----BEGIN PRIVATE KEY-----\n");
        WebConfig web = parse("web: { tls: { certFile: \"" + cert + "\", keyFile: \"" + key + "\" } }\n").web();
        assertThat(web.tls()).contains(new WebTls(cert, key));
        assertThat(parse("web: {}\n").web().tls()).isEmpty();

        ConfigException noKey = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { tls: { certFile: \"" + cert + "\" } }\n"));
        assertThat(noKey.problems()).singleElement().asString()
                .isEqualTo("orderly.yaml:12:13: missing 'keyFile' in web.tls; PEM files, e.g. certFile: page.crt and "
                        + "keyFile: page.key (docs/web.md, HTTPS)");
        ConfigException empty = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { tls: { certFile: \"" + cert + "\", keyFile: \"\" } }\n"));
        assertThat(empty.problems()).as("one line for one bad value").hasSize(1);
        ConfigException missing = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { tls: { certFile: \"" + cert + "\", keyFile: \"" + dir.resolve("gone.key") + "\" } }\n"));
        assertThat(missing.problems()).singleElement().asString()
                .endsWith("'keyFile' in web.tls: file " + dir.resolve("gone.key") + ": no such file");
        // Until 2026-12-04 both said "does not exist or cannot be read", leaving the installer to find out which; then
        // "does not exist" and "is a directory; name the file in it", until the orderly command's words were taken.
        ConfigException directory = catchThrowableOfType(ConfigException.class,
                () -> parse("web: { tls: { certFile: \"" + cert + "\", keyFile: \"" + dir + "\" } }\n"));
        assertThat(directory.problems()).singleElement().asString()
                .endsWith("'keyFile' in web.tls: file " + dir + ": is a directory, not a file");
    }

    /**
     * A LAN address mistyped, digits and dots that make no IPv4 address, is no host name either. Until 2026-12-04
     * check-config said OK, and {@code orderly run} then stopped with Jetty's "Port already in use".
     */
    @Test
    void aMistypedBindAddressIsRefusedAtItsLine() {
        for (String bind : new String[] {"192.168.1.300", "192.168.1", "192.168.1.10.5"}) {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("web: { bind: " + bind + " }\n"));
            assertThat(e).as("bind " + bind + " accepted").isNotNull();
            assertThat(e.problems()).containsExactly("orderly.yaml:12:14: bind '" + bind + "' is not an IPv4 address "
                    + "(four numbers, each 0..255), nor a host name; write the gateway's LAN address, e.g. 192.168.1.10");
        }
    }

    @Test
    void badValuesAreOneLineEachAtTheirPosition() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                web:
                  bind: "http://x/"
                  port: 70000
                  sessionMinutes: 30min
                  passwrd: secret
                """));
        assertThat(e.problems()).containsExactly(
                "orderly.yaml:13:9: bind 'http://x/' is not an address or host name; write e.g. 192.168.1.10",
                "orderly.yaml:14:9: 'port' in web must be within 0..65535, was 70000; the page's TCP port, e.g. 8080 (0 picks a free one)",
                "orderly.yaml:15:19: 'sessionMinutes' in web must be a whole number (min), was '30min'; write the "
                        + "number alone, the unit is in the key's name: 30",
                "orderly.yaml:16:3: unknown key 'passwrd' in web; known keys: bind, port, sessionMinutes, usersFile, "
                        + "trustedProxies, tls, hosts, overloadHoldS, metrics, "
                        + "metricsTokenFile, idleTimeoutS");
    }
}
