package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.WebTls;
import org.orderly.gateway.tls.PemFiles;
import org.orderly.gateway.upstream.TestCa;

/**
 * The page over HTTPS ({@code web.tls}) on a live gateway on 127.0.0.1, with a certificate for 127.0.0.1 from a CA
 * made at test time: served over HTTPS only, the sign-in cookie marked Secure, refused by a client that does not
 * trust the certificate.
 */
class WebTlsTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    Path dir;

    @Test
    void thePageIsServedOverHttpsOnlyAndItsCookieIsSecure() throws Exception {
        TestCa ca = new TestCa(dir.resolve("ca"), "compound-ca");
        Path[] page = ca.issue(dir.resolve("ca"), "gateway-page", TestCa.ip("127.0.0.1"));
        Files.createDirectories(dir.resolve("gw"));
        String tls = ", tls: { certFile: \"" + page[0] + "\", keyFile: \"" + page[1] + "\" }";
        try (WebRig rig = new WebRig(1, dir.resolve("gw"), List::of, tls)) {
            assertThat(rig.base).startsWith("https://127.0.0.1:");
            assertThat(rig.web.setupUrl()).startsWith("https://127.0.0.1:");

            ApiClient browser = new ApiClient(rig.base, trusting(ca.certFile));
            ApiClient.Reply setup = browser.setup(rig.setupToken(), "li", PASSWORD);
            assertThat(setup.status()).isEqualTo(200);
            assertThat(setup.headers().allValues("Set-Cookie")).singleElement().asString()
                    .startsWith("orderly_session=").contains("Secure").contains("HttpOnly");
            assertThat(browser.get("/api/overview").status()).isEqualTo(200);

            assertThatThrownBy(() -> new ApiClient(rig.base).get("/api/status")).as("a client not trusting the CA")
                    .isInstanceOf(IOException.class);
            int plainStatus;
            try {
                plainStatus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(rig.base.replace("https://", "http://") + "/api/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException refused) {
                plainStatus = -1;
            }
            assertThat(plainStatus).as("plain HTTP on the page's port").isNotEqualTo(200);
        }
    }

    /** Renewing has failed when the page's certificate is this close to its end: the page says so, not only the log. */
    @Test
    void aCertificateNearItsEndIsAnAlarmOnThePage() throws Exception {
        TestCa ca = new TestCa(dir.resolve("ca"), "compound-ca");
        Instant now = Instant.now();
        Path[] page = ca.issue(dir.resolve("ca"), "gateway-page", now.minus(Duration.ofDays(80)),
                now.plus(Duration.ofDays(10)), TestCa.ip("127.0.0.1"));
        Files.createDirectories(dir.resolve("gw"));
        String tls = ", tls: { certFile: \"" + page[0] + "\", keyFile: \"" + page[1] + "\" }";
        try (WebRig rig = new WebRig(1, dir.resolve("gw"), List::of, tls)) {
            ApiClient browser = new ApiClient(rig.base, trusting(ca.certFile));
            assertThat(browser.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
            String gatewayId = rig.live.gateway.config().gatewayId();
            WebRig.await("the certificate's alarm on the page", Duration.ofSeconds(10), () -> {
                try {
                    for (JsonNode a : browser.get("/api/overview").body().get("alarms")) {
                        if (a.get("kind").asText().equals("CERTIFICATE_EXPIRING") && a.get("clearedAt").isNull()
                                && a.get("subject").asText().equals(gatewayId)) {
                            return true;
                        }
                    }
                    return false;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void aKeyThatIsNotAPemKeyStopsThePageWithOneLine() throws Exception {
        TestCa ca = new TestCa(dir.resolve("ca"), "compound-ca");
        Path[] page = ca.issue(dir.resolve("ca"), "gateway-page", TestCa.ip("127.0.0.1"));
        WebTls swapped = new WebTls(page[0], page[0]);
        assertThatThrownBy(() -> HttpsConnector.load(swapped, Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("local page: web.tls: cannot use certFile " + page[0] + " with keyFile " + page[0]
                        + ": " + page[0] + " holds no unencrypted PEM private key");
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsThePageWithOneLine() throws Exception {
        TestCa ca = new TestCa(dir.resolve("ca"), "compound-ca");
        Path[] page = ca.issue(dir.resolve("ca"), "gateway-page", TestCa.ip("127.0.0.1"));
        Path[] other = ca.issue(dir.resolve("ca"), "another-page", TestCa.ip("127.0.0.1"));
        assertThatThrownBy(() -> HttpsConnector.load(new WebTls(page[0], other[1]), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("local page: web.tls: cannot use certFile " + page[0] + " with keyFile " + other[1] + ": "
                        + other[1] + " is not the private key of the first certificate in " + page[0]);
    }

    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : PemFiles.certificates(caPem)) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
