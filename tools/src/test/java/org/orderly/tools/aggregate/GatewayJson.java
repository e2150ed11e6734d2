package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Contract-v1 {@code state} and {@code event} messages as the gateway renders them (docs/upstream.md), for tests that
 * publish what a gateway would; telemetry is {@link TelemetryJson}.
 */
final class GatewayJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayJson() {
    }

    static String topic(String gatewayId, String kind) {
        return "orderly/v1/" + gatewayId + "/" + kind;
    }

    private static ObjectNode envelope(String type, String gatewayId, long seq, Instant ts) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 1).put("type", type).put("id", gatewayId + ":" + seq).put("seq", seq).put("gatewayId", gatewayId)
                .put("ts", ts.toString());
        return o;
    }

    /** {@code online} or {@code offline}; {@code clockSet} false as a gateway whose clock is not set sends it. */
    static String state(String gatewayId, long seq, Instant ts, String state, boolean clockSet) {
        ObjectNode o = envelope("state", gatewayId, seq, ts);
        if (!clockSet) {
            o.put("clockSet", false);
        }
        return o.put("state", state).toString();
    }

    /** {@code online} as a gateway since 2026-12-01 sends it: naming the number of its held will. */
    static String online(String gatewayId, long seq, Instant ts, long will) {
        return envelope("state", gatewayId, seq, ts).put("state", "online").put("will", will).toString();
    }

    /** An {@code outbox.*} event as a gateway since 2026-12-01 sends it: the numbers it skipped in fields too. */
    static String skipEvent(String gatewayId, long seq, Instant ts, String kind, String message, long from, long to) {
        ObjectNode o = envelope("event", gatewayId, seq, ts).put("kind", kind).put("subject", "outbox")
                .put("message", message);
        o.putObject("skipped").put("from", from).put("to", to);
        return o.toString();
    }

    /** {@code store.movedAside} as a gateway since 2026-12-01 sends it: where the fresh store's numbers begin. */
    static String movedAside(String gatewayId, long seq, Instant ts, long seqFrom) {
        return envelope("event", gatewayId, seq, ts).put("kind", "store.movedAside")
                .put("subject", "/var/lib/orderly/orderly.db.damaged-20261201T131500Z")
                .put("message", "store was damaged; moved aside").put("seqFrom", seqFrom).toString();
    }

    /** {@code store.numbered}, a fresh store's first message: its numbers begin at {@code seqFrom}. */
    static String numbered(String gatewayId, long seq, Instant ts, long seqFrom) {
        return envelope("event", gatewayId, seq, ts).put("kind", "store.numbered")
                .put("subject", "/var/lib/orderly/orderly.db")
                .put("message", "a fresh store: upstream message numbers begin at " + seqFrom).put("seqFrom", seqFrom)
                .toString();
    }

    static String event(String gatewayId, long seq, Instant ts, String kind, String subject, String message) {
        return envelope("event", gatewayId, seq, ts).put("kind", kind).put("subject", subject).put("message", message)
                .toString();
    }

    /** {@code outbox.dropped} as a gateway since 2026-12-01 sends it: how many in the field {@code dropped} too. */
    static String droppedEvent(String gatewayId, long seq, Instant ts, long count) {
        return envelope("event", gatewayId, seq, ts).put("kind", "outbox.dropped").put("subject", "outbox")
                .put("message", droppedText(count, count)).put("dropped", count).toString();
    }

    /** The text of the gateway's {@code outbox.dropped} event (Outbox.reportDrops). */
    static String droppedText(long count, long sinceStart) {
        return count + " messages dropped before they were stored: the outbox's queue of 10000 was full ("
                + sinceStart + " since start)";
    }

    /** The text of the gateway's {@code outbox.trimmed} event (Outbox.trim). */
    static String trimmedText(long count, long first, long last) {
        return count + " unsent messages trimmed (seq " + first + ".." + last + "): older than 168 h or beyond 200000"
                + " waiting";
    }

    /** The text of the gateway's {@code outbox.setAside} event for an {@code online} whose connection ended early. */
    static String spentOnlineText(String gatewayId, long online, long will) {
        return "message " + online + " (orderly/v1/" + gatewayId + "/state, 131 bytes) set aside: the connection it"
                + " opened ended before the broker acknowledged it, and the broker may have published that"
                + " connection's will (message " + will + ") already; sent now, it could arrive after it";
    }

    /** The text of the gateway's {@code outbox.timeUnknown} event (Outbox.setAsideTimeUnknown). */
    static String timeUnknownText(long count, long first, long last, String byTopic) {
        return count + " messages (seq " + first + ".." + last + "; " + byTopic + ") stored from"
                + " 1970-01-01T00:00:01Z to 1970-01-01T00:00:11Z by a clock that was not set, in a run that stopped"
                + " before it was set: their real time is unknown, so they are not sent (set aside, kept for 168 h)";
    }
}
