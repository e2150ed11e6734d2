package org.orderly.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
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
 * and sends it as a server-sent event ({@code overview}) to every open page. A thread of its own recomputes today's
 * energy and cost from the store about once a minute, every {@link #TODAY_AGAIN} while their saving is not known (a
 * start's first minute, before a stored minute has seen a car draw: {@link Today}), so that the saving is said within
 * seconds of the first such minute, not up to a minute later; each build takes the last figures computed. Apart, so
 * that a build never waits on the store: a save's {@link #refresh} waited behind a slow computation of today (a busy
 * SQLite file, a large day) until 2026-12-07. A page whose sign-in ended is closed. The control thread is never
 * touched: everything is read from what the gateway publishes.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration TODAY_EVERY = Duration.ofSeconds(60);
    /** How soon today is computed again while its saving is not known: the store's minutes close once a minute. */
    static final Duration TODAY_AGAIN = Duration.ofSeconds(10);
    /** The longest a change waits for the overview built again ({@link #refresh}). */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(2);

    /** Builds the overview ({@link OverviewBuilder#build}). */
    private final Supplier<Overview> overview;
    private final Supplier<Today> todayCalculator;
    /** Whether a page's sign-in is still live ({@link SignIns#live}). */
    private final Predicate<String> signedIn;
    private final ObjectMapper json;
    private final Map<SseClient, String> clients = new ConcurrentHashMap<>();
    /** Streams opened whose first overview the feed's thread has not yet sent ({@link #add}). */
    private final Set<SseClient> pending = ConcurrentHashMap.newKeySet();
    /** Guards {@link #closed}, and a stream's move from {@link #pending} to {@link #clients} against {@link #close}. */
    private final Object streams = new Object();
    private boolean closed;
    /**
     * Run on the feed's thread just after a stream is taken from {@link #pending}, inside the lock: a test closes the
     * feed there, the one moment close() cannot find the stream itself (LiveFeedClosedWhileAddingTest). Nothing else.
     */
    private volatile Runnable takenFromPending = () -> { };
    private final AtomicReference<Overview> latest = new AtomicReference<>();
    /** Null until the first computation after the start: the overview says not computed yet, not a 0 as a fact. */
    private final AtomicReference<Today> today = new AtomicReference<>();
    private final ScheduledExecutorService thread;
    /** Today's computations, which read the store, apart from the builds ({@link #thread}), which do not. */
    private final ScheduledExecutorService todayThread;

    /**
     * @param overview makes the overview's builder ({@link OverviewBuilder#build}), given where to read today's latest
     *                 figures
     * @param today    computes today's figures from the store ({@link TodayCalculator#compute})
     * @param signedIn whether a page's sign-in token is still live ({@link SignIns#live})
     */
    LiveFeed(Function<Supplier<Today>, Supplier<Overview>> overview, Supplier<Today> today, Predicate<String> signedIn,
             ObjectMapper json) {
        this.overview = overview.apply(this.today::get);
        this.todayCalculator = today;
        this.signedIn = signedIn;
        this.json = json;
        this.thread = daemon("orderly-web-live");
        this.todayThread = daemon("orderly-web-today");
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration every) {
        todayThread.execute(this::todayAndNext);
        thread.scheduleAtFixedRate(() -> guard("live update", this::tick), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest overview (built at most a period ago); builds one if none yet. */
    Overview latest() {
        Overview o = latest.get();
        return o != null ? o : overview.get();
    }

    /**
     * Builds the overview again now and sends it, on the feed's own thread, after any build begun before: from its
     * return, {@link #latest} and every page's stream say what was changed before the call. A reservation's save waits
     * for it, so that the page's fetch right after it is not answered with an overview built before it, which landed
     * after the stream's newer one and showed the plan before's finish between two re-planning marks
     * (WebPageReplanningBrowserTest, 2026-12-07). The build reads no store: today's figures are the last computed,
     * on their own thread, so a slow store does not hold the save (WebSaveWithSlowTodayTest). Waits {@link #REFRESH_WAIT}
     * at most: the next tick says it then.
     */
    void refresh() {
        Future<?> build;
        try {
            build = thread.submit(() -> guard("live update", this::tick));
        } catch (RejectedExecutionException e) {
            LOG.warn("local page: the overview was not built again at once ({}); the next tick says the change", e.toString());
            return;
        }
        try {
            build.get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            build.cancel(false);
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not left queued: saves on a stuck feed thread would pile up one build each.
            build.cancel(false);
            LOG.warn("local page: the overview was not built again at once ({}); the next tick says the change", e.toString());
        }
    }

    /**
     * A page's stream, given the latest overview at once. On the feed's thread, as every build's sending: taken and sent
     * on the request's thread, the latest could be read just before a build replaced it and reach the page after that
     * newer one (until 2026-12-07: a page opened as a reservation was saved got the saved reservation, then the overview
     * from before it; {@code WebSaveWithSlowTodayTest} on CI).
     */
    void add(SseClient client, String token) {
        client.onClose(() -> clients.remove(client));
        // Until the feed's thread takes it: a stream whose task close() drops is closed there, not left open.
        pending.add(client);
        try {
            thread.execute(() -> guard("a page's stream", () -> {
                if (!signedIn.test(token)) {
                    // Its sign-in ended while it waited: as a tick would, closed with nothing sent.
                    pending.remove(client);
                    client.close();
                    return;
                }
                synchronized (streams) {
                    pending.remove(client);
                    takenFromPending.run();
                    if (closed) {
                        // The page closed while this task ran, after close() had closed the streams it held.
                        client.close();
                        return;
                    }
                    clients.put(client, token);
                }
                if (client.terminated()) {
                    // Closed before it was put: its onClose has run already.
                    clients.remove(client);
                    return;
                }
                Overview o = latest.get();
                if (o != null) {
                    send(client, o);
                }
            }));
        } catch (RejectedExecutionException closed) {
            // The page closed (the gateway stopping): no overview is to come.
            LOG.debug("local page closed; a stream opened now is closed");
            pending.remove(client);
            client.close();
        }
    }

    /** For a test: {@code seam} runs where {@link #takenFromPending} says. */
    void onTakenFromPending(Runnable seam) {
        this.takenFromPending = seam;
    }

    private void tick() {
        Overview o = overview.get();
        latest.set(o);
        if (clients.isEmpty()) {
            return;
        }
        String text = write(o);
        clients.forEach((client, token) -> {
            if (!signedIn.test(token)) {
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

    /** Computes today, and schedules the next computation by what it said ({@link #nextToday}). */
    private void todayAndNext() {
        guard("today", () -> today.set(todayCalculator.get()));
        try {
            todayThread.schedule(this::todayAndNext, nextToday(today.get()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // The page closed while today was being computed: nothing is to come after.
            LOG.debug("local page closed; today is not computed again");
        }
    }

    /**
     * How long until today is computed again after it said {@code latest} (the last computed; null: none has been, the
     * first computation failed): sooner while its saving is not known for want of a minute that saw a car draw, which
     * the next minute stored may give.
     */
    static Duration nextToday(Today latest) {
        return latest != null && latest.savingYuan() == null ? TODAY_AGAIN : TODAY_EVERY;
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
        synchronized (streams) {
            // From here a stream the feed's thread takes is closed there (add): one it was taking, not yet among the
            // clients, was left open until 2026-12-07 (LiveFeedClosedWhileAddingTest).
            closed = true;
        }
        thread.shutdownNow();
        todayThread.shutdownNow();
        clients.keySet().forEach(SseClient::close);
        clients.clear();
        pending.forEach(SseClient::close);
        pending.clear();
    }
}
