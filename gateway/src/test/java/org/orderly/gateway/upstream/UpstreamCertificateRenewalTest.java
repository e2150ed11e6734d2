package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Mosquitto;

/**
 * The link's client certificate renewed by a timer that replaces the files one by one, against a Mosquitto that
 * requires client certificates. Caught half written when the broker restarts, the files keep the pair read before: the
 * link reconnects with it, the outbox drains, and one WARN names the files. Once the new pair is whole, the next connect
 * presents it: the broker, restarted trusting only the CA that signed it, takes it. Until 2026-12-05 every connect
 * failed on the half-written certificate until the files were right, and the outbox waited.
 */
class UpstreamCertificateRenewalTest {
    private static final LinkTimings RETRIES = LinkTimings.DEFAULT.withReconnect(Duration.ofMillis(250),
            Duration.ofSeconds(2));
    private static final long WITHIN_MS = 30_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aHalfWrittenRenewalKeepsTheOldPairAndTheWholeOneIsPresentedNext() throws Exception {
        Path pki = dir.resolve("pki");
        TestCa ca = new TestCa(pki, "grid-ca");
        TestCa next = new TestCa(pki, "next-ca");
        Path[] server = ca.issue(pki, "broker", TestCa.ip("127.0.0.1"));
        Path[] renewed = next.issue(pki, "gw-renewed");
        Path cert = dir.resolve("gw.crt");
        Path key = dir.resolve("gw.key");
        Path[] first = ca.issue(pki, "gw-first");
        Files.copy(first[0], cert);
        Files.copy(first[1], key);
        Transport.Tls tls = new Transport.Tls(Optional.of(ca.certFile),
                Optional.of(new Transport.ClientCertificate(cert, key)));
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), requiring(server, ca.certFile));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-renew",
                     UpstreamSettings.of(URI.create(broker.sslUrl()), "gw-renew", tls), RETRIES);
             CapturedLog log = new CapturedLog()) {
            await(() -> "connected", () -> rig.upstream.link().connected());

            // The timer stopped in the middle of the new certificate, the key not written yet.
            String pem = Files.readString(renewed[0], StandardCharsets.US_ASCII);
            Files.writeString(cert, pem.substring(0, pem.length() / 2), StandardCharsets.US_ASCII);
            broker.stop();
            rig.event("test.during", "while the broker was away");
            long failedBefore = rig.upstream.link().failedConnects();
            await(() -> "two attempts with the broker away", () -> rig.upstream.link().failedConnects() >= failedBefore + 2);
            long waiting = rig.lastSeq();
            broker.start();
            await(() -> "reconnected; last failure " + rig.upstream.link().lastFailure(),
                    () -> rig.upstream.link().connects() >= 2);
            assertThat(rig.drainedUpTo(waiting, WITHIN_MS)).as("the outbox drained up to %d", waiting).isTrue();
            List<String> warned = log.lines("WARN", "tls.clientCert " + cert);
            assertThat(warned).as("one WARN for the fault, though each attempt met it").singleElement().asString()
                    .contains("tls.clientCert " + cert + ", tls.clientKey " + key + " cannot be used now (" + cert
                            + " cannot be read as PEM certificates: ")
                    .endsWith("; connecting with those read before until they can");

            Files.copy(renewed[0], cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed[1], key, StandardCopyOption.REPLACE_EXISTING);
            broker.restartWith(requiring(server, next.certFile)); // the first certificate is refused from now on
            await(() -> "reconnected with the renewed pair; last failure " + rig.upstream.link().lastFailure(),
                    () -> rig.upstream.link().connects() >= 3);
            assertThat(log.lines("INFO", "tls.clientCert " + cert, "can be used again")).hasSize(1);
            assertThat(log.lines("WARN", "tls.clientCert " + cert)).as("no WARN more").hasSize(1);
        }
    }

    /** The broker presenting {@code server}, requiring a client certificate that {@code clientCa} signed. */
    private static List<String> requiring(Path[] server, Path clientCa) {
        return List.of("certfile " + server[0], "keyfile " + server[1], "cafile " + clientCa,
                "require_certificate true");
    }

    private static void await(Supplier<String> what, BooleanSupplier done) throws InterruptedException {
        long until = System.currentTimeMillis() + WITHIN_MS;
        while (!done.getAsBoolean() && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as(what.get()).isTrue();
    }
}
