package org.orderly.gateway.upstream.outbox;

import java.time.Instant;

/** A message waiting in the outbox: its number, topic, JSON payload, whether it is retained, and when it was stored. */
public record OutboxRow(long seq, String topic, byte[] payload, boolean retained, Instant createdAt) {
}
