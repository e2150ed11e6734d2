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
    CONTROL_MODE("control.mode", List.of("flowsBack", "missing", "stale", "notFinite", "impossible", "fresh",
            "plausibleAgain", "clockNotSet", "clockSet"), "from", "to", "readAt", "clock", "floor"),
    PLAN_FAILURE("plan.failure", List.of(), "reason"),
    LOAD_CONTROL("load-control", List.of("active", "released"), "kw"),
    ALARM_RAISED("alarm.raised", List.of(), "alarm", "detail"),
    ALARM_CLEARED("alarm.cleared", List.of(), "alarm", "detail"),
    ALARM_ACKNOWLEDGED("alarm.acknowledged", List.of(), "alarm", "by"),
    WEB_SETUP("web.setup", List.of()),
    WEB_PASSWORD("web.password", List.of(), "ended"),
    WEB_USER("web.user", List.of("added", "changed", "removed"), "role", "by", "ended"),
    WEB_RESERVATION("web.reservation", List.of("both", "departure", "energy"), "departure", "energyKwh", "by"),
    WEB_LIMIT("web.limit", List.of("amps", "paused", "lifted"), "amps", "by"),
    /** Stored only (the page's): a demo's resident's declaration, handed to the control loop as a reservation is. */
    DEMO_DECLARATION("demo.declaration", List.of("both", "departure", "energy"), "departure", "energyKwh", "by"),
    STORE_OVERFLOW("store.overflow", List.of(), "dropped", "capacity", "total"),
    /** Stored only (the page's): lines the program's log dropped while its sink stalled (docs/operations.md). */
    LOG_DROPPED("log.dropped", List.of(), "count", "since", "total"),
    STORE_DAMAGED("store.damaged", List.of(), "file", "found"),
    STORE_MOVED_ASIDE("store.movedAside", List.of(), "file", "aside", "found"),
    /**
     * A store that never numbered a message gives its first: numbers begin at the clock's milliseconds, not 1, so no
     * id of an earlier store of the gateway repeats (docs/upstream.md, "events"); sent with {@code seqFrom}.
     */
    STORE_NUMBERED("store.numbered", List.of("clockSet", "clockNotSet"), "file", "seqFrom"),
    OUTBOX_TRIMMED("outbox.trimmed", List.of(), "count", "firstSeq", "lastSeq"),
    /** Stored only (the page's), never sent: the messages among the writes are what outbox.dropped says upstream. */
    OUTBOX_OVERFLOW("outbox.overflow", List.of(), "dropped", "messages", "capacity", "total"),
    /** Sent upstream only (its count in the message's {@code dropped}), never stored: no arguments. */
    OUTBOX_DROPPED("outbox.dropped", List.of()),
    OUTBOX_SET_ASIDE("outbox.setAside", List.of("one", "more"), "seq", "topic", "bytes", "count", "firstSeq", "lastSeq",
            "since"),
    OUTBOX_TIME_UNKNOWN("outbox.timeUnknown", List.of(), "count", "firstSeq", "lastSeq", "earliest", "latest"),
    UPSTREAM_COMMANDS_REFUSED("upstream.commandsRefused", List.of("refused", "unanswered"), "broker", "topics",
            "clientId"),
    UPSTREAM_COMMANDS_SUBSCRIBED("upstream.commandsSubscribed", List.of(), "broker", "topics"),
    /** Sent upstream only, never stored: no arguments. */
    CAP_ACCEPTED("cap.accepted", List.of()),
    /** Sent upstream only, never stored: no arguments. */
    CAP_REJECTED("cap.rejected", List.of());

    /** The argument naming a kind's form, when it has more than one. */
    public static final String FORM = "form";
    /** The form of a kind that has only one. */
    public static final String ONE_FORM = "text";

    private final String code;
    private final List<String> forms;
    private final List<String> args;

    EventKind(String code, List<String> forms, String... args) {
        this.code = code;
        this.forms = forms.isEmpty() ? List.of(ONE_FORM) : forms;
        this.args = List.of(args);
    }

    /** As stored and sent: {@code control.mode}. */
    public String code() {
        return code;
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
}
