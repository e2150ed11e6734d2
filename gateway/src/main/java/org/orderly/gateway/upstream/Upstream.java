package org.orderly.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.upstream.command.CapBook;
import org.orderly.gateway.upstream.command.CapParser;
import org.orderly.gateway.upstream.command.CapReach;
import org.orderly.gateway.upstream.command.CommandLimits;
import org.orderly.gateway.upstream.command.CommandRouter;
import org.orderly.gateway.upstream.command.Replier;
import org.orderly.gateway.upstream.command.HistoryParser;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.message.Messages;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.upstream.telemetry.TelemetryCalculator;
import org.orderly.gateway.upstream.telemetry.TelemetrySampler;

/**
 * The running upstream link: the outbox, the grid caps, the command router, the telemetry sampler and the MQTT link,
 * each on its own thread. As a {@link CycleListener} it takes what the control thread hands over and only queues it;
 * ended sessions it takes from the store's table instead, once their rows are committed ({@link Outbox}).
 * {@link #caps()} is the control loop's source of grid caps. {@link #close()} stops it, saying "offline" first.
 */
public final class Upstream implements CycleListener, AutoCloseable {
    private final Outbox outbox;
    private final CapBook book;
    private final CommandRouter router;
    private final TelemetrySampler sampler;
    private final MqttLink link;
    private final Supplier<List<GridCap>> caps;
    /** The plan in force, as the control thread hands it over; read by an accepted cap's reply. */
    private final AtomicReference<Plan> plan;
    private final Store store;
    /** Stops telling this of the store's moves aside while running. */
    private Runnable forgetMovedAside = () -> { };

    private Upstream(Store store, Outbox outbox, CapBook book, CommandRouter router, TelemetrySampler sampler,
                     MqttLink link, Supplier<List<GridCap>> caps, AtomicReference<Plan> plan) {
        this.store = store;
        this.plan = plan;
        this.outbox = outbox;
        this.book = book;
        this.router = router;
        this.sampler = sampler;
        this.link = link;
        this.caps = caps;
    }

    /**
     * Starts the link. The store must be open (its migrations create the outbox and caps tables).
     *
     * @param otherCaps        caps from elsewhere, added to those the grid company sends here
     * @param ticker           the gateway's monotonic time
     */
    public static Upstream start(UpstreamSettings settings, String gatewayId, Store store, Compound compound,
                                 Supplier<List<GridCap>> otherCaps, Clock clock, Ticker ticker) {
        return start(settings, gatewayId, store, compound, otherCaps, clock,
                ticker, ClockFloor.NONE);
    }

    /**
     * As above, with the clock's floor (docs/operations.md, "The clock"): what is stamped while the clock is earlier
     * than it is held back, and corrected once the clock is set.
     */
    public static Upstream start(UpstreamSettings settings, String gatewayId, Store store, Compound compound,
                                 Supplier<List<GridCap>> otherCaps, Clock clock, Ticker ticker, ClockFloor floor) {
        return start(settings, gatewayId, store, compound, otherCaps, clock,
                ticker, floor, LinkTimings.DEFAULT);
    }

    /** As above, with the link waiting on the broker and the outbox as {@code timings} say (tests: shorter waits). */
    public static Upstream start(UpstreamSettings settings, String gatewayId, Store store, Compound compound,
                                 Supplier<List<GridCap>> otherCaps, Clock clock, Ticker ticker, ClockFloor floor,
                                 LinkTimings timings) {
        Topics topics = new Topics(gatewayId);
        Outbox outbox = Outbox.open(store.database(), topics, clock, settings.outbox(), ticker, floor);
        CapBook book;
        try {
            book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
        Supplier<List<GridCap>> caps = () -> {
            List<GridCap> other = otherCaps.get();
            if (other.isEmpty()) {
                return book.caps();
            }
            List<GridCap> all = new ArrayList<>(other);
            all.addAll(book.caps());
            return all;
        };
        TelemetrySampler sampler = new TelemetrySampler(new TelemetryCalculator(compound), outbox, clock,
                ticker);
        // The plan in force, for an accepted cap's reply (the households' forecast in its window).
        AtomicReference<Plan> plan = new AtomicReference<>();
        MqttLink[] linkRef = new MqttLink[1];
        CommandRouter router = new CommandRouter(topics, new CapParser(topics.gatewayId(),
                CommandLimits.DEFAULT, compound.transformer().limitKw(), floor),
                new HistoryParser(topics.gatewayId(), CommandLimits.DEFAULT, floor), book, store, outbox, clock,
                floor, new Replier() {
                    @Override
                    public boolean reply(String requestId, String topic, byte[] payload, byte[] correlation) {
                        return linkRef[0].reply(requestId, topic, payload, correlation);
                    }

                    @Override
                    public long maxPacketBytes() {
                        return linkRef[0].packetLimit();
                    }
                }, c -> CapReach.of(sampler.latest(), plan.get(), c.from(), c.to()));
        MqttLink link = new MqttLink(settings, topics, outbox, clock, router, timings);
        linkRef[0] = link;
        // Ended sessions are reported from the store's table (Outbox#storeEndedSessions), not as the recorder hands
        // them over: cued after each ended row is committed, and once now for those the last run left unreported
        // (queued ahead of the link's last will, so stored before anything is published).
        store.onSessionEnded(outbox::storeEndedSessions);
        outbox.storeEndedSessions();
        link.start();
        sampler.start(settings.telemetryPeriod());
        Upstream upstream = new Upstream(store, outbox, book, router, sampler, link, caps, plan);
        // A store moved aside while running is said as one moved at a start is, in the fresh store's outbox.
        upstream.forgetMovedAside = store.onMovedAside(upstream::storeMovedAside);
        return upstream;
    }

    /** The grid caps in force: the control loop reads this every cycle (it never waits). */
    public Supplier<List<GridCap>> caps() {
        return caps;
    }

    public MqttLink link() {
        return link;
    }

    public Outbox outbox() {
        return outbox;
    }

    public TelemetrySampler telemetry() {
        return sampler;
    }

    @Override
    public void cycle(CycleSeen seen) {
        // The control loop's own value, not a copy: one per cycle (until 2026-12-07 a second was made here).
        sampler.seen(seen);
    }

    @Override
    public void event(StoreEvent event) {
        outbox.offer(event.time(), Messages.event(event));
    }

    /**
     * The store was moved aside (at this start, or while running): its event, with {@code seqFrom}
     * ({@link Outbox#storeMovedAside}).
     */
    public void storeMovedAside(StoreDamage damage) {
        outbox.storeMovedAside(damage);
    }

    @Override
    public void plan(Plan plan) {
        this.plan.set(plan);
        outbox.offer(plan.createdAt(), Messages.plan(plan));
    }

    @Override
    public void close() {
        forgetMovedAside.run();
        store.onSessionEnded(() -> { });
        sampler.close();
        // Before the link: a command in hand is answered while the link is still connected (until 2026-12-06 its
        // reply was dropped, "not connected", though its cap was stored: UpstreamStopWhileCommandHandledTest).
        router.close();
        link.close();
        book.close();
        outbox.close();
    }
}
