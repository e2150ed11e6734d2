package org.orderly.gateway.upstream.command;

import java.time.Instant;

/** A validated {@code cmd/history} request: the compound's per-minute load in [{@code from}, {@code to}). */
public record HistoryRequest(String id, Instant from, Instant to) {
}
