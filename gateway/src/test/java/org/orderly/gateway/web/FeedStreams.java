package org.orderly.gateway.web;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A feed's live streams as the page opens them: served by a Javalin of the test's own on 127.0.0.1 (the sign-in's token
 * in the query rather than the cookie, as no sign-in is checked here) and read by a real HTTP client.
 */
final class FeedStreams implements AutoCloseable {
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<SseClient> added = new LinkedBlockingQueue<>();
    private final List<SseClient> opened = new CopyOnWriteArrayList<>();

    FeedStreams(LiveFeed feed) {
        app = Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            c.routes.sse("/live", client -> {
                client.keepAlive();
                feed.add(client, client.ctx().queryParam("token"));
                added.add(client);
            });
        }).start();
    }

    /** Opens a stream signed in with {@code token}; returns once the feed has been given it ({@link LiveFeed#add}). */
    Stream open(String token) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/live?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        CompletableFuture<String> body = http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
        SseClient client = added.poll(20, TimeUnit.SECONDS);
        if (client == null) {
            throw new IllegalStateException("the stream " + uri + " was not given to the feed within 20 s");
        }
        opened.add(client);
        return new Stream(client, body);
    }

    /** One stream: the server's end of it, and all it was sent once it ended. */
    record Stream(SseClient client, CompletableFuture<String> body) {
    }

    @Override
    public void close() {
        // A stream the feed left open (the defect a test shows) would hold Jetty's stop in a loop of errors.
        opened.forEach(SseClient::close);
        app.stop();
    }
}
