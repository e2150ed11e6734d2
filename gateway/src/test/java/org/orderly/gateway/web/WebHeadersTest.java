package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every answer of a live gateway on 127.0.0.1 tells the browser: the API's answers (a sign-in's CSRF token, the
 * accounts, the compound's figures) are never kept in its cache, where the next user of the office's computer could
 * read them after signing out; no answer is sniffed into another type or shown in another site's frame.
 */
class WebHeadersTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    static Path dir;
    private static WebRig rig;
    private static ApiClient installer;

    @BeforeAll
    static void start() throws Exception {
        rig = new WebRig(1, dir);
        installer = new ApiClient(rig.base);
        assertThat(installer.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theApisAnswersAreNeitherStoredNorSniffedNorFramed() throws Exception {
        for (String path : new String[] {"/api/me", "/api/users", "/api/overview", "/api/events"}) {
            ApiClient.Reply r = installer.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertSafe(path, r.headers());
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        ApiClient stranger = new ApiClient(rig.base);
        for (String path : new String[] {"/api/status", "/api/me", "/api/nope"}) {
            ApiClient.Reply r = stranger.get(path);
            assertSafe(path, r.headers());
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        ApiClient.Reply signIn = stranger.login("li", PASSWORD);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Cache-Control")).as("the sign-in's answer").hasValue("no-store");
    }

    @Test
    void aPathNotServedIsNeitherSniffedNorFramed() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(rig.base + "/nope%3Cb%3E")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertSafe("/nope", r.headers());
    }

    @Test
    void thePageKeepsItsPolicy() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(rig.base + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertSafe("/", r.headers());
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'");
    }

    private static void assertSafe(String path, HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
}
