package org.orderly.gateway.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reverse proxy on 127.0.0.1 in front of the gateway's page that answers one path with a script of the test's own
 * and passes every other request on as it came, the live stream's events as they come: the page as a browser that
 * loaded an earlier script keeps running it against the gateway of now (nothing reloads a page across an upgrade).
 */
final class ScriptSwappingProxy implements AutoCloseable {
    /** Headers a hop sets for itself, or that Java's HTTP client sets and refuses to be given. */
    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "accept-encoding");

    private final String upstream;
    private final String path;
    private final byte[] script;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger served = new AtomicInteger();

    /**
     * @param upstream the page's base, {@code http://127.0.0.1:PORT}
     * @param path     the path answered with {@code script}, e.g. {@code /app.js}
     */
    ScriptSwappingProxy(String upstream, String path, byte[] script) throws IOException {
        this.upstream = upstream;
        this.path = path;
        this.script = script.clone();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "script-swapping-proxy");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The proxy's base, {@code http://127.0.0.1:PORT}, for the browser. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many times the test's script was served in place of the page's. */
    int served() {
        return served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals(path)) {
                exchange.getResponseHeaders().add("Content-Type", "text/javascript; charset=utf-8");
                exchange.getResponseHeaders().add("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, script.length);
                exchange.getResponseBody().write(script);
                served.incrementAndGet();
            } else {
                pass(exchange);
            }
        }
    }

    private void pass(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted passing " + exchange.getRequestURI() + " on", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        int status = response.statusCode();
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        try (InputStream in = response.body()) {
            exchange.sendResponseHeaders(status, bodiless ? -1 : 0);
            if (!bodiless) {
                copy(in, exchange.getResponseBody());
            }
        }
    }

    /** Copies as it comes, each part sent at once: the live stream's events are not held for a buffer to fill. */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
