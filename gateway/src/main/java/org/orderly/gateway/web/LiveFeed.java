package org.orderly.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.orderly.gateway.web.auth.SignIns;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;
import org.orderly.gateway.web.view.TodayCalculator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's own thread: once a second it builds the overview (and updates the alarms) once, serialises it once,
 * and sends it as a server-sent event ({@code overview}) to every open page; about once a minute it recomputes
 * today's energy and cost from the store. A page whose sign-in ended is closed. The control thread is never
 * touched: everything is read from what the gateway publishes.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration TODAY_EVERY = Duration.ofSeconds(60);

    private final OverviewBuilder overview;
    private final TodayCalculator todayCalculator;
    private final SignIns signIns;
    private final ObjectMapper json;
    private final Map<SseClient, String> clients = new ConcurrentHashMap<>();
    private final AtomicReference<Overview> latest = new AtomicReference<>();
    /** Null until the first computation after the start: the overview says not computed yet, not a 0 as a fact. */
    private final AtomicReference<Today> today = new AtomicReference<>();
    private final ScheduledExecutorService thread;

    /** @param overview makes the overview builder, given where to read today's latest figures */
    LiveFeed(Function<Supplier<Today>, OverviewBuilder> overview, TodayCalculator today, SignIns signIns,
             ObjectMapper json) {
        this.overview = overview.apply(this.today::get);
        this.todayCalculator = today;
        this.signIns = signIns;
        this.json = json;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-web-live");
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration every) {
        thread.scheduleAtFixedRate(() -> guard("today", this::refreshToday), 0, TODAY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleAtFixedRate(() -> guard("live update", this::tick), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest overview (built at most a period ago); builds one if none yet. */
    Overview latest() {
        Overview o = latest.get();
        return o != null ? o : overview.build();
    }

    void add(SseClient client, String token) {
        clients.put(client, token);
        client.onClose(() -> clients.remove(client));
        Overview o = latest.get();
        if (o != null) {
            send(client, o);
        }
    }

    int clients() {
        return clients.size();
    }

    private void tick() {
        Overview o = overview.build();
        latest.set(o);
        if (clients.isEmpty()) {
            return;
        }
        String text = write(o);
        clients.forEach((client, token) -> {
            if (!signIns.live(token)) {
                clients.remove(client);
                client.close();
            } else if (!client.terminated()) {
                client.sendEvent("overview", text);
            }
        });
    }

    private void send(SseClient client, Overview o) {
        client.sendEvent("overview", write(o));
    }

    private String write(Overview o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("overview could not be written as JSON", e);
        }
    }

    private void refreshToday() {
        today.set(todayCalculator.compute());
    }

    private void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("local page: {} failed; next try at the next tick", what, e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        clients.keySet().forEach(SseClient::close);
        clients.clear();
    }
}
