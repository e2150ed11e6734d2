package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.upstream.message.Envelope;

/**
 * The gateway's answers to commands (docs/upstream.md, "Replies"). Replies are not numbered outbox messages: they go
 * at once to the command's response topic with its correlation data, and a lost one is asked for again. So they are
 * not held while the clock is not set either: they are stamped as {@code state} is then, with the clock's floor (a
 * lower bound) and {@code "clockSet": false}, not with the unset clock's 1970.
 */
final class Replies {
    private static final ObjectMapper JSON = Envelope.mapper();

    private final String gatewayId;
    private final ClockFloor floor;

    Replies(String gatewayId, ClockFloor floor) {
        this.gatewayId = gatewayId;
        this.floor = floor;
    }

    byte[] verdict(Instant now, String command, String requestId, Verdict v) {
        ObjectNode n = head(now, "reply");
        n.put("command", command);
        n.put("requestId", requestId);
        n.put("status", v.status());
        if (v instanceof Verdict.Rejected r) {
            n.put("reason", r.reason());
        }
        return bytes(n);
    }

    /**
     * An accepted cap's reply, with {@code meet}: what the gateway can meet of {@code limitKw} at the load the last
     * control cycle saw (see {@link CapReach}); each figure null where not known. Added 2026-12-05: a cap below what
     * the households alone draw was accepted with nothing saying it could not be met.
     */
    byte[] accepted(Instant now, String requestId, double limitKw, CapReach reach) {
        ObjectNode n = head(now, "reply");
        n.put("command", "cap");
        n.put("requestId", requestId);
        n.put("status", new Verdict.Accepted().status());
        n.set("meet", JSON.valueToTree(reach.meet(limitKw)));
        return bytes(n);
    }

    /**
     * One minute of the compound's history: mean kW, null where nothing was recorded. {@code evUnmeasuredKw} is the
     * part of {@code evKw} no pile measured, null where not recorded (a minute before 2026-12-04): not known, not 0.
     * {@code baseBoundKw} is the part of {@code baseKw} that is a bound, not a measurement (the cycles whose households
     * may hold a car's draw, telemetry's {@code baseBound}), null where not recorded (a minute before 2026-12-06).
     */
    record Minute(Instant minute, Double transformerKw, Double baseKw, Double evKw, Double evUnmeasuredKw,
                  Double baseBoundKw) {
    }

    byte[] history(Instant now, HistoryRequest r, List<Minute> minutes) {
        ObjectNode n = head(now, "history");
        n.put("requestId", r.id());
        n.put("status", "ok");
        n.put("from", r.from().toString());
        n.put("to", r.to().toString());
        ArrayNode a = n.putArray("minutes");
        for (Minute m : minutes) {
            a.add(JSON.valueToTree(m));
        }
        return bytes(n);
    }

    private ObjectNode head(Instant now, String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", Envelope.VERSION);
        n.put("type", type);
        n.put("gatewayId", gatewayId);
        boolean clockSet = floor.plausible(now);
        n.put("ts", (clockSet ? now : floor.at()).toString());
        if (!clockSet) {
            n.put("clockSet", false);
        }
        return n;
    }

    private static byte[] bytes(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reply: " + e.getMessage(), e);
        }
    }
}
