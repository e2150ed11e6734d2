package org.orderly.gateway.web.alarm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One alarm: raised at {@code raisedAt} (epoch ms), cleared at {@code clearedAt} (null while active), acknowledged
 * by a user (null until then). {@code subject} is the pile id or the gateway id; {@code detail} says more where the
 * kind has more to say (why a pile is in fault, as the bridge sent it; how many outbox writes are kept), else null.
 * In JSON also {@code on}: {@code pile} or {@code gateway} ({@link AlarmKind#onPile()}).
 */
public record Alarm(String id, AlarmKind kind, String subject, String detail, long raisedAt, Long clearedAt,
                    String acknowledgedBy, Long acknowledgedAt) {

    /** What the alarm is on: {@code pile} (its subject a pile's id) or {@code gateway} (the gateway's id). */
    @JsonProperty("on")
    public String on() {
        return kind.onPile() ? "pile" : "gateway";
    }

    Alarm withDetail(String newDetail) {
        return new Alarm(id, kind, subject, newDetail, raisedAt, clearedAt, acknowledgedBy, acknowledgedAt);
    }

    Alarm cleared(long at) {
        return new Alarm(id, kind, subject, detail, raisedAt, at, acknowledgedBy, acknowledgedAt);
    }

    Alarm acknowledged(String user, long at) {
        return new Alarm(id, kind, subject, detail, raisedAt, clearedAt, user, at);
    }
}
