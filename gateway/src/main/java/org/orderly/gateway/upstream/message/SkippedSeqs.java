package org.orderly.gateway.upstream.message;

/**
 * The numbers {@code from}..{@code to} (both included) an event says the gateway skipped on purpose, written as the
 * event's optional field {@code "skipped": {"from": A, "to": B}} (docs/upstream.md, "Bounds").
 */
public record SkippedSeqs(long from, long to) {
    public SkippedSeqs {
        if (from > to) {
            throw new IllegalArgumentException("skipped numbers " + from + ".." + to + ": from is above to");
        }
    }
}
