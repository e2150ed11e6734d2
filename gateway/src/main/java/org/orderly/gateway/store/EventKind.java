package org.orderly.gateway.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of event the gateway makes, with the names of the arguments it carries beside its English message, so the
 * page can say it in its own language (docs/web.md, "Events"). A kind with more than one {@link #forms() form} carries
 * the one it is in as its {@value #FORM} argument; the page's text for it is {@code event.<code>.<form>}, and
 * {@code event.<code>.text} for a kind of one form. The page's catalogues must have a text for every form of every kind
 * (EventTextsTest); a kind made anywhere but here cannot reach the page in its language.
 */
public enum EventKind {
    CONTROL_MODE("control.mode", Shown.LISTED, List.of("flowsBack", "missing", "stale", "notFinite", "impossible",
            "belowPiles", "lacksLine", "fresh", "plausibleAgain", "backBelowPiles", "clockNotSet", "clockSet"), "from", "to",
            "readAt", "clock", "floor"),
    PLAN_FAILURE("plan.failure", Shown.LISTED, List.of(), "reason"),
    LOAD_CONTROL("load-control", Shown.LISTED, List.of("active", "released"), "kw"),
    ALARM_RAISED("alarm.raised", Shown.LISTED, List.of(), "alarm", "detail"),
    ALARM_CLEARED("alarm.cleared", Shown.LISTED, List.of(), "alarm", "detail"),
    ALARM_ACKNOWLEDGED("alarm.acknowledged", Shown.LISTED, List.of(), "alarm", "by"),
    WEB_SETUP("web.setup", Shown.LISTED, List.of()),
    WEB_PASSWORD("web.password", Shown.LISTED, List.of(), "ended"),
    WEB_USER("web.user", Shown.LISTED, List.of("added", "changed", "removed"), "role", "by", "ended"),
    WEB_RESERVATION("web.reservation", Shown.LISTED, List.of("both", "departure", "energy"), "departure", "energyKwh",
            "by"),
    WEB_LIMIT("web.limit", Shown.LISTED, List.of("amps", "paused", "lifted"), "amps", "by"),
    /** Stored only (the page's): a demo's resident's declaration, handed to the control loop as a reservation is. */
    DEMO_DECLARATION("demo.declaration", Shown.LISTED, List.of("both", "departure", "energy"), "departure", "energyKwh",
            "by"),
    /** The store's write queue full for a moment: bookkeeping, STORE_WRITES_FAILING's alarm says more. */
    STORE_OVERFLOW("store.overflow", Shown.BOOKKEEPING, List.of(), "dropped", "capacity", "total"),
    /**
     * Stored only (the page's): lines the program's log dropped while its sink stalled (docs/operations.md); the log's
     * own gap, bookkeeping, said in the log when it is read again.
     */
    LOG_DROPPED("log.dropped", Shown.BOOKKEEPING, List.of(), "count", "since", "total"),
    STORE_DAMAGED("store.damaged", Shown.LISTED, List.of(), "file", "found"),
    STORE_MOVED_ASIDE("store.movedAside", Shown.LISTED, List.of(), "file", "aside", "found"),
    /**
     * A store that never numbered a message, or one restored from a backup, gives its first: numbers begin (again) at
     * the clock's milliseconds, not 1, so no id of an earlier store of the gateway, nor one given since the backup,
     * repeats (docs/upstream.md, "events"); sent with {@code seqFrom}.
     * Bookkeeping: for the grid side's count of lost messages.
     */
    STORE_NUMBERED("store.numbered", Shown.BOOKKEEPING, List.of("clockSet", "clockNotSet", "restored",
            "restoredClockNotSet"), "file", "seqFrom"),
    /** Unsent messages past their keeping: bookkeeping, UPSTREAM_DISCONNECTED's alarm says the link. */
    OUTBOX_TRIMMED("outbox.trimmed", Shown.BOOKKEEPING, List.of(), "count", "firstSeq", "lastSeq"),
    /**
     * Stored only (the page's), never sent: the messages among the writes are what outbox.dropped says upstream. The
     * outbox's write queue full for a moment: bookkeeping.
     */
    OUTBOX_OVERFLOW("outbox.overflow", Shown.BOOKKEEPING, List.of(), "dropped", "messages", "capacity", "total"),
    /** Sent upstream only (its count in the message's {@code dropped}), never stored: no arguments. */
    OUTBOX_DROPPED("outbox.dropped", Shown.LISTED, List.of()),
    /** Messages the broker refused: bookkeeping, UPSTREAM_MESSAGES_REFUSED's alarm says it. */
    OUTBOX_SET_ASIDE("outbox.setAside", Shown.BOOKKEEPING, List.of("one", "more"), "seq", "topic", "bytes", "count",
            "firstSeq", "lastSeq", "since"),
    /** Messages from before the clock was set: bookkeeping, CLOCK_NOT_SET's alarm says the clock. */
    OUTBOX_TIME_UNKNOWN("outbox.timeUnknown", Shown.BOOKKEEPING, List.of(), "count", "firstSeq", "lastSeq", "earliest",
            "latest"),
    UPSTREAM_COMMANDS_REFUSED("upstream.commandsRefused", Shown.LISTED, List.of("refused", "unanswered"), "broker",
            "topics", "clientId"),
    UPSTREAM_COMMANDS_SUBSCRIBED("upstream.commandsSubscribed", Shown.LISTED, List.of(), "broker", "topics"),
    /**
     * A grid cap accepted, stored and sent upstream, its message with {@code meet} (what of it the gateway can meet);
     * its form says whether the cap can be met at the load seen, its arguments the cap and by how much it falls short.
     * Its window is {@code start} and {@code end}: the page says {@code from} and {@code to} as control modes.
     */
    CAP_ACCEPTED("cap.accepted", Shown.LISTED, List.of("meetable", "short", "unknown"), "limitKw", "start", "end",
            "shortKw", "leastKw"),
    /** Sent upstream only, never stored: no arguments. */
    CAP_REJECTED("cap.rejected", Shown.LISTED, List.of());

    /**
     * Whether the manager's page lists an event of a kind (docs/web.md, "Events"). The list is the property manager's:
     * an event of the gateway's own bookkeeping, which says nothing the manager can act on (how upstream messages are
     * numbered, which of them were trimmed or set aside, a queue that overflowed, log lines dropped), is left out. It
     * stays in the store and the log, and the grid side still gets what is sent upstream; what needs someone is an
     * alarm, which the list shows with its event. Each kind says which it is, so a new kind decides.
     */
    public enum Shown {
        /** On the manager's list. */
        LISTED,
        /** The gateway's own bookkeeping: in the store, the log and upstream, not on the manager's list. */
        BOOKKEEPING
    }

    /** The argument naming a kind's form, when it has more than one. */
    public static final String FORM = "form";
    /** The form of a kind that has only one. */
    public static final String ONE_FORM = "text";

    private final String code;
    private final Shown shown;
    private final List<String> forms;
    private final List<String> args;

    EventKind(String code, Shown shown, List<String> forms, String... args) {
        this.code = code;
        this.shown = shown;
        this.forms = forms.isEmpty() ? List.of(ONE_FORM) : forms;
        this.args = List.of(args);
    }

    /** As stored and sent: {@code control.mode}. */
    public String code() {
        return code;
    }

    /** Whether the manager's page lists it, or leaves it out as the gateway's bookkeeping. */
    public Shown shown() {
        return shown;
    }

    /** The forms its text takes; {@value #ONE_FORM} alone for a kind of one form. */
    public List<String> forms() {
        return forms;
    }

    /** The names of its arguments besides {@value #FORM}; an event need not carry all of them. */
    public List<String> args() {
        return args;
    }

    public static Optional<EventKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    /**
     * Whether the manager's page lists an event stored with the kind {@code code}: as its kind says ({@link #shown});
     * a kind the gateway does not make (a row another build or a hand wrote) is listed, for being left out would hide
     * what no one has judged to be bookkeeping.
     */
    public static boolean listed(String code) {
        return of(code).map(EventKind::shown).orElse(Shown.LISTED) == Shown.LISTED;
    }
}
