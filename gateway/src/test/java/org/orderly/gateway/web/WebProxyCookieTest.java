package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a TLS proxy listed in {@code web.trustedProxies} the gateway sees plain HTTP: the sign-in cookie is marked
 * Secure when the proxy says the browser came over HTTPS ({@code X-Forwarded-Proto: https}), so the browser never
 * sends it over plain HTTP to the same host, where anyone on the LAN could read it. A peer not trusted cannot ask
 * for it, nor is a plain-HTTP sign-in through the proxy marked. A live gateway on 127.0.0.1 is the proxy's upstream.
 */
class WebProxyCookieTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void theCookieIsSecureWhenATrustedProxySaysTheBrowserUsedHttps(@TempDir Path dir) throws Exception {
        try (WebRig rig = new WebRig(1, dir, List::of, ", trustedProxies: [127.0.0.1]")) {
            assertThat(new ApiClient(rig.base).setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
            assertThat(signInCookie(rig, "https")).contains("orderly_session=", "HttpOnly", "SameSite=Strict", "Secure");
            assertThat(signInCookie(rig, "http")).contains("orderly_session=").doesNotContain("Secure");
            assertThat(signInCookie(rig, null)).contains("orderly_session=").doesNotContain("Secure");
        }
    }

    @Test
    void anUntrustedPeerCannotAskForIt(@TempDir Path dir) throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            assertThat(new ApiClient(rig.base).setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
            assertThat(signInCookie(rig, "https")).contains("orderly_session=").doesNotContain("Secure");
        }
    }

    /** The Set-Cookie of a right sign-in sent with {@code X-Forwarded-Proto: proto} (none when null). */
    private static String signInCookie(WebRig rig, String proto) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rig.base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"li\",\"password\":\"" + PASSWORD + "\"}"));
        if (proto != null) {
            b.header("X-Forwarded-Proto", proto);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("sign-in with X-Forwarded-Proto %s", proto).isEqualTo(200);
        return r.headers().firstValue("Set-Cookie").orElseThrow();
    }
}
