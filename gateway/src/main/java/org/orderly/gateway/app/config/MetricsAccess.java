package org.orderly.gateway.app.config;

import java.util.Optional;

/**
 * Who may read the page's {@code /metrics} and {@code /healthz} ({@code web.metrics}): anyone who reaches the page's
 * address ({@link #OPEN}), only a signed-in browser ({@link #LOGIN}, the default: the figures say when the compound's
 * cars charge, which a stranger need not know), or only a request bearing the token held in
 * {@code web.metricsTokenFile} ({@link #TOKEN}: a Prometheus cannot sign in, but sends a bearer token).
 */
public enum MetricsAccess {
    OPEN("open"), LOGIN("login"), TOKEN("token");

    private final String word;

    MetricsAccess(String word) {
        this.word = word;
    }

    /** As written in {@code web.metrics}. */
    public String word() {
        return word;
    }

    /** The access {@code word} names; empty for any other word. */
    public static Optional<MetricsAccess> of(String word) {
        for (MetricsAccess a : values()) {
            if (a.word.equals(word)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
