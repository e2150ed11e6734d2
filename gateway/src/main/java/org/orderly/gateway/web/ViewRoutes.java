package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.web.view.ChartBuilder;

/** What a signed-in user reads: the live overview, the piles, the chart and the stored events. */
final class ViewRoutes {
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

    void events(Context ctx) {
        Instant now = clock.instant();
        int hours = JsonBody.intParam(ctx, "hours", 24, 1, 24 * 31);
        ZoneId zone = gateway.config().zone();
        List<StoreEvent> events;
        try (StoreReader reader = gateway.store().reader()) {
            events = reader.events(now.minusSeconds(hours * 3600L), now);
        }
        ctx.json(events.stream().map(e -> Map.of("at", e.time().toEpochMilli(), "kind", e.kind(),
                "subject", e.subject(), "message", EventTimes.local(e.message(), zone))).toList());
    }
}
