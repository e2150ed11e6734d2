package org.orderly.tools.aggregate;

import java.time.Instant;

/** The fields every upstream message carries (contract v1): what it is, who sent it, and its place in the gateway's sequence. */
public record Envelope(String type, String id, long seq, String gatewayId, Instant ts) {
}
