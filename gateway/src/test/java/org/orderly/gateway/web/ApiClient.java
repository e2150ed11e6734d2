package org.orderly.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

/** A browser-like client of the page's API: keeps its cookie, sends the CSRF token once it has one. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final String base;
    String csrf;
    private String forwardedFor;

    record Reply(int status, JsonNode body, HttpHeaders headers) {
    }

    ApiClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** Over HTTPS, trusting what {@code ssl} trusts. */
    ApiClient(String base, SSLContext ssl) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).sslContext(ssl).build();
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /**
     * A GET of {@code path} whose answer is text (the page's {@code /metrics}, {@code /healthz}), with this client's
     * cookie.
     */
    HttpResponse<String> getText(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * As {@link #getText(String)}, with the header {@code Authorization: authorization}, as a scraper sends it (and
     * this client's {@link #forwardedFor}, if set).
     */
    HttpResponse<String> getText(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                authorization);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET of {@code target} sent as written, over a plain socket (HTTP/1.0) with this client's cookie: for a target the JDK's
     * {@link URI} refuses to send (a {@code %} not followed by two hex digits).
     */
    Reply getAsWritten(String target) throws IOException {
        URI uri = URI.create(base);
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.0\r\nHost: " + uri.getHost() + ":"
                + uri.getPort() + "\r\nConnection: close\r\n");
        for (HttpCookie c : cookies.getCookieStore().get(uri)) {
            request.append("Cookie: ").append(c.getName()).append('=').append(c.getValue()).append("\r\n");
        }
        request.append("\r\n");
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // HTTP/1.0, so the answer is not chunked: its body is what follows the headers.
            int status = Integer.parseInt(reply.split(" ", 3)[1]);
            String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
            boolean json = body.startsWith("{") || body.startsWith("[");
            return new Reply(status, json ? JSON.readTree(body) : TextNode.valueOf(body), null);
        }
    }

    /**
     * Opens {@code path} as a stream (the live events): its lines are read on another thread into {@code lines}, and
     * the future returned completes when the server ends the stream.
     */
    java.util.concurrent.CompletableFuture<Void> stream(String path, java.util.List<String> lines) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> r.body().forEach(lines::add));
    }

    /** Sends an X-Forwarded-For header with every request from now on, as a reverse proxy would. */
    ApiClient forwardedFor(String addresses) {
        this.forwardedFor = addresses;
        return this;
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, "application/json", csrf);
    }

    /** As {@link #post(String, String)}, with the body's bytes as given (text in another encoding than UTF-8). */
    Reply post(String path, byte[] json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    Reply post(String path, String body, String contentType, String csrfToken) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrfToken != null) {
            b.header("X-CSRF-Token", csrfToken);
        }
        return send(b);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .DELETE();
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /**
     * {@code method} on {@code path} with a JSON body (or none) and this client's CSRF token; a body that is not JSON
     * is kept as text, so a test can say what came instead.
     */
    Reply send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String text = r.body();
        boolean isJson = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Reply(r.statusCode(), text.isEmpty() ? null : isJson ? JSON.readTree(text) : TextNode.valueOf(text),
                r.headers());
    }

    /** {@code method} on {@code path} with no body and no Content-Type, as {@code curl -X PUT} sends it; the CSRF token. */
    Reply sendBare(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /** Signs in and keeps the CSRF token. */
    Reply login(String name, String password) throws IOException, InterruptedException {
        Reply r = post("/api/login", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
        if (r.status() == 200) {
            csrf = r.body().get("csrf").asText();
        }
        return r;
    }

    Reply setup(String token, String name, String password) throws IOException, InterruptedException {
        Reply r = post("/api/setup", "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
        if (r.status() == 200) {
            csrf = r.body().get("csrf").asText();
        }
        return r;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = r.body();
        return new Reply(r.statusCode(), text.isEmpty() ? null : JSON.readTree(text), r.headers());
    }
}
