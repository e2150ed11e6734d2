package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.SignedInApi.NAME;
import static org.orderly.gateway.web.SignedInApi.PASSWORD;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every answer of a live gateway on 127.0.0.1 tells the browser: the API's answers (a sign-in's CSRF token, the
 * accounts, the compound's figures) are never kept in its cache, where the next user of the office's computer could
 * read them after signing out; no answer is sniffed into another type or shown in another site's frame.
 */
class WebHeadersTest {
    @RegisterExtension
    static final SignedInApi gateway = new SignedInApi();

    @Test
    void theApisAnswersAreNeitherStoredNorSniffedNorFramed() throws Exception {
        for (String path : new String[] {"/api/me", "/api/users", "/api/overview", "/api/events"}) {
            ApiClient.Reply r = gateway.installer().get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertSafe(path, r.headers());
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        ApiClient stranger = gateway.client();
        for (String path : new String[] {"/api/status", "/api/me", "/api/nope"}) {
            ApiClient.Reply r = stranger.get(path);
            assertSafe(path, r.headers());
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        ApiClient.Reply signIn = stranger.login(NAME, PASSWORD);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Cache-Control")).as("the sign-in's answer").hasValue("no-store");
    }

    @Test
    void aPathNotServedIsNeitherSniffedNorFramed() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.base() + "/nope%3Cb%3E")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertSafe("/nope", r.headers());
    }

    /**
     * Jetty answers a request it cannot parse before any route runs (an ambiguous URI, a bad header, a request line
     * too long): its own error page must say the same as every other answer, and must not be kept in a cache either.
     */
    @Test
    void jettysOwnErrorPagesAreNeitherSniffedNorFramed() throws Exception {
        for (String requestLine : new String[] {"GET /%2e%2e/x HTTP/1.1", "GET /a%00b HTTP/1.1",
                "GET /" + "x".repeat(9000) + " HTTP/1.1"}) {
            RawReply r = raw(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String what = requestLine.substring(0, Math.min(30, requestLine.length()));
            assertThat(r.status()).as(what).isBetween(400, 499);
            assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(r.header("Cache-Control")).as(what).isEqualTo("no-store");
        }
        RawReply badHeader = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\nConnection: close\r\n\r\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.header("X-Frame-Options")).as("a malformed header's 400").isEqualTo("DENY");
    }

    private record RawReply(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request as bytes on a socket: java.net.http will not send a malformed one. */
    private static RawReply raw(String request) throws Exception {
        URI base = URI.create(gateway.base());
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            assertThat(status).as("the status line").isNotNull().startsWith("HTTP/1.1 ");
            Map<String, String> headers = new HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            return new RawReply(Integer.parseInt(status.substring(9, 12)), headers);
        }
    }

    @Test
    void thePageKeepsItsPolicy() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.base() + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
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
