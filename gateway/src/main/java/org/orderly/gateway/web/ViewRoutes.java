package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.web.auth.Role;
import org.orderly.gateway.web.view.ChartBuilder;

/** What a signed-in user reads: the live overview, the piles, the chart and the stored events. */
final class ViewRoutes {
    static final Duration EVENTS_WAIT = Duration.ofSeconds(3);

    private final Gateway gateway;
    private final LiveFeed feed;
    private final ChartBuilder chart;
    private final Clock clock;

    ViewRoutes(Gateway gateway, LiveFeed feed, Clock clock) {
        this.gateway = gateway;
        this.feed = feed;
        this.chart = new ChartBuilder(gateway, clock);
        this.clock = clock;
    }

    void overview(Context ctx) {
        ctx.json(feed.latest());
    }

    void piles(Context ctx) {
        ctx.json(feed.latest().piles());
    }

    void chart(Context ctx) {
        ctx.json(chart.build());
    }

    /**
     * The stored events of the last hours, including every event handed to the store before the request: the page asks
     * the moment an alarm appears, and the alarm's event may still be in the store writer's queue, so the answer waits
     * for the writer first (at most {@link #EVENTS_WAIT}: a store that cannot write answers with what it holds). Events
     * are kept in whole seconds: those of the current second are included. The gateway's bookkeeping
     * ({@link EventKind#listed}) is left out for a viewer, and sent to an installer marked {@code bookkeeping}: the
     * page shows it on the installer's asking, and the manager's list stays without it.
     */
    void events(Context ctx) throws InterruptedException {
        gateway.store().flush(EVENTS_WAIT);
        Instant now = clock.instant();
        int hours = QueryParams.wholeNumber(ctx, "hours", 24, 1, 24 * 31);
        ZoneId zone = gateway.config().zone();
        List<StoreEvent> events;
        try (StoreReader reader = gateway.store().reader()) {
            events = reader.events(now.minusSeconds(hours * 3600L), now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        }
        boolean installer = AccessGuard.signIn(ctx).role() == Role.INSTALLER;
        ctx.json(events.stream().filter(e -> installer || EventKind.listed(e.kind())).map(e -> row(e, zone)).toList());
    }

    /**
     * An event as sent: its times in the compound's zone, in its message and its arguments; no args when it has none;
     * {@code bookkeeping} true for the gateway's own bookkeeping, absent otherwise.
     */
    private static Map<String, Object> row(StoreEvent e, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", e.time().toEpochMilli());
        out.put("kind", e.kind());
        out.put("subject", e.subject());
        out.put("message", EventTimes.local(e.message(), zone));
        if (!EventKind.listed(e.kind())) {
            out.put("bookkeeping", true);
        }
        if (e.args() != null) {
            Map<String, String> args = new LinkedHashMap<>();
            e.args().forEach((name, value) -> args.put(name, EventTimes.local(value, zone)));
            out.put("args", args);
        }
        return out;
    }
}
