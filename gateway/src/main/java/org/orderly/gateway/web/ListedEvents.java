package org.orderly.gateway.web;

import java.util.EnumSet;
import java.util.Set;
import org.orderly.gateway.store.EventKind;

/**
 * Which stored events the page's list shows (docs/web.md, "Events"). The list is the property manager's: an event of
 * the gateway's own bookkeeping, which says nothing the manager can act on (how upstream messages are numbered, which
 * of them were trimmed or set aside, a queue that overflowed, log lines dropped), is left out. It stays in the store
 * and the log, and the grid side still gets what is sent upstream; what needs someone is an alarm, which the list
 * shows with its event.
 */
final class ListedEvents {
    /** Kinds the manager's list leaves out: each is in the log, and those sent upstream reach the grid side. */
    private static final Set<EventKind> ENGINEERING = EnumSet.of(
            EventKind.STORE_NUMBERED,       // a fresh store's first message number, for the grid side's count
            EventKind.OUTBOX_TRIMMED,       // unsent messages past their keeping (UPSTREAM_DISCONNECTED says the link)
            EventKind.OUTBOX_OVERFLOW,      // the outbox's write queue full for a moment
            EventKind.OUTBOX_SET_ASIDE,     // messages the broker refused (UPSTREAM_MESSAGES_REFUSED says it)
            EventKind.OUTBOX_TIME_UNKNOWN,  // messages from before the clock was set (CLOCK_NOT_SET says the clock)
            EventKind.STORE_OVERFLOW,       // the store's write queue full for a moment (STORE_WRITES_FAILING says more)
            EventKind.LOG_DROPPED);         // the log's own gap, said in the log when it is read again

    private ListedEvents() {
    }

    /** Whether the page lists an event of this kind: any but the bookkeeping, a kind the gateway does not make too. */
    static boolean listed(String kind) {
        return EventKind.of(kind).map(k -> !ENGINEERING.contains(k)).orElse(true);
    }
}
