package org.orderly.gateway.upstream.command;

import java.time.Clock;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.outbox.Outbox;

/** Command routers for tests, through the product's constructor. */
final class CommandRouters {
    private CommandRouters() {
    }

    /** A router whose clock has no floor (always taken as set), its accepted caps' replies saying no reach. */
    static CommandRouter of(Topics topics, CapParser caps, HistoryParser histories, CapBook book, Store store,
                            Outbox outbox, Clock clock, Replier replier) {
        return new CommandRouter(topics, caps, histories, book, store, outbox, clock, ClockFloor.NONE, replier,
                c -> CapReach.UNKNOWN);
    }
}
