package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files holding secrets that a configuration names (a pile's pre-shared key, the broker's password, the upstream
 * client key, the page's TLS key): one that every local user can read is one of the configuration's warnings, at the
 * key's line, naming the key and the file (check-config prints it, the gateway logs it at its start); the gateway still
 * starts (it is the transformer's protection). Real files with real modes. Until 2026-12-03 it was a WARN of its own,
 * with a time and a logger's name, where check-config's other warnings are {@code file:line:column: warning: ...}.
 */
class SecretFileModeTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");
    private static final String PILE_WITH_PSK = """
            gatewayId: gw-7
            compound:
              transformer: { limitKw: 100, phaseVoltageV: 230 }
              piles:
                - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, pskIdentity: gw-p, pskKeyFile: keys/p.psk } } }
            meters:
              transformer: { bus: b, unit: 1, map: chint-dtsu666 }
            buses:
              - { name: b, tcp: { host: 127.0.0.1 } }
            tariff:
              periods: [ { from: "00:00", to: "24:00", price: 1 } ]
            """;

    @TempDir
    Path dir;

    @Test
    void aPreSharedKeyEveryLocalUserCanReadIsWarnedAbout() throws Exception {
        Path key = secret("keys/p.psk", "rw-r--r--");
        List<String> warnings = ConfigLoader.parse("inline.yaml", PILE_WITH_PSK, DEVICES, dir).warnings();
        assertThat(lines(warnings, "inline.yaml:5:", ": warning: 'pskKeyFile' in compound.piles[0].driver.coap: file "
                + key + " can be read by every local user (mode rw-r--r--", "chmod o-r")).hasSize(1);
    }

    @Test
    void theBrokersPasswordTheClientKeyAndThePagesKeyToo() throws Exception {
        Path password = secret("pw", "rw-rw-r--");
        Path clientKey = secret("gw.key", "rw-r--r--");
        Path pageKey = secret("page.key", "rw-r--r--");
        secret("gw.pem", "rw-r--r--");
        secret("page.crt", "rw-r--r--");
        String config = PILE_WITH_PSK.replace("keys/p.psk", "p600.psk") + """
                upstream:
                  broker: ssl://mqtt.grid.example:8883
                  tls: { clientCert: gw.pem, clientKey: gw.key }
                  username: gw-7
                  passwordFile: pw
                web:
                  tls: { certFile: page.crt, keyFile: page.key }
                """;
        secret("p600.psk", "rw-------");
        List<String> warnings = ConfigLoader.parse("inline.yaml", config, DEVICES, dir).warnings();
        assertThat(lines(warnings, ": warning: 'passwordFile'", password.toString(), "can be read by every local user"))
                .hasSize(1);
        assertThat(lines(warnings, ": warning: 'clientKey'", clientKey.toString(), "can be read by every local user"))
                .hasSize(1);
        assertThat(lines(warnings, ": warning: 'keyFile'", pageKey.toString(), "can be read by every local user"))
                .hasSize(1);
        assertThat(lines(warnings, "can be read by every local user")).as("certificates are public; the 600 key is not")
                .hasSize(3);
    }

    @Test
    void aKeyOthersCannotReachOrReadIsNotWarnedAbout() throws Exception {
        // The packaged layout: /etc/orderly is root:orderly 750, so a key the admin wrote with umask 022 inside it is
        // out of other users' reach all the same; and a key of mode 640 (root:orderly) anywhere.
        secret("keys/p.psk", "rw-r--r--");
        Files.setPosixFilePermissions(dir.resolve("keys"), PosixFilePermissions.fromString("rwxr-x---"));
        List<String> warnings = new ArrayList<>(ConfigLoader.parse("inline.yaml", PILE_WITH_PSK, DEVICES, dir).warnings());
        Files.setPosixFilePermissions(dir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("keys/p.psk"), PosixFilePermissions.fromString("rw-r-----"));
        warnings.addAll(ConfigLoader.parse("inline.yaml", PILE_WITH_PSK, DEVICES, dir).warnings());
        assertThat(lines(warnings, "can be read by every local user")).isEmpty();
    }

    /** The warnings that contain every one of {@code parts}; the first is where the line starts if it ends in ':'. */
    private static List<String> lines(List<String> warnings, String... parts) {
        return warnings.stream().filter(w -> {
            for (String part : parts) {
                if (part.endsWith(":") && part.startsWith("inline.yaml") ? !w.startsWith(part) : !w.contains(part)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** A file under {@code dir} with {@code mode}, in directories every user may enter (as /etc and /opt are). */
    private Path secret(String name, String mode) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nsecret-key\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
