package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.BrokerLogin;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * The broker's login, against a real Mosquitto 2 with a password file on 127.0.0.1: a wrong password is refused and
 * retried, the password file is read again at the next connect (a rotated password needs no restart), and neither
 * password reaches the log.
 */
class UpstreamLoginTest {
    private static final String WRONG = "wrong-broker-pw-2026";
    private static final String RIGHT = "right-broker-pw-2026";

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aWrongPasswordIsRefusedTheFileIsReadAgainAndNoPasswordIsLogged() throws Exception {
        Path brokerPasswords = dir.resolve("broker-passwords");
        Process p = new ProcessBuilder(ExternalTools.requireProgram("mosquitto_passwd", "mosquitto"), "-b", "-c",
                brokerPasswords.toString(), "gw-login", RIGHT)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        Path passwordFile = Files.writeString(dir.resolve("broker.pw"), WRONG + "\n");
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("password_file " + brokerPasswords));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-login",
                     UpstreamRig.plaintext(broker.url(), "gw-login")
                             .withLogin(new BrokerLogin("gw-login", passwordFile)))) {
            await(() -> rig.upstream.link().lastFailure() != null, "a refused connect");
            assertThat(rig.upstream.link().connects()).isZero();
            Files.writeString(passwordFile, RIGHT + "\n");
            await(() -> rig.upstream.link().connects() > 0, "a connect with the password now in the file");
            assertThat(log.lines(WRONG)).isEmpty();
            assertThat(log.lines(RIGHT)).isEmpty();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s for %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
