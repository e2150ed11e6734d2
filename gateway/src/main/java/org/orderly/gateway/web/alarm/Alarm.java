package org.orderly.gateway.web.alarm;

/**
 * One alarm: raised at {@code raisedAt} (epoch ms), cleared at {@code clearedAt} (null while active), acknowledged
 * by a user (null until then). {@code subject} is the pile id or the gateway id.
 */
public record Alarm(String id, AlarmKind kind, String subject, long raisedAt, Long clearedAt, String acknowledgedBy,
                    Long acknowledgedAt) {
}
