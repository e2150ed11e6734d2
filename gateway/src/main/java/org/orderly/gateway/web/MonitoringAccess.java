package org.orderly.gateway.web;

import java.io.IOException;
import org.orderly.gateway.app.config.WebConfig;

/**
 * Who may read {@code /metrics} and {@code /healthz}, as {@code web.metrics} says ({@link MonitoringRoutes}): a
 * signed-in browser, anyone, or the bearer of the token in {@code web.metricsTokenFile}. Only the last has a token.
 */
sealed interface MonitoringAccess {
    /** {@code web.metrics: login} (the default): a live sign-in, as {@code /api/} needs. */
    record Login() implements MonitoringAccess {
    }

    /** {@code web.metrics: open}: anyone who reaches the page's address. */
    record Open() implements MonitoringAccess {
    }

    /** {@code web.metrics: token}: {@code Authorization: Bearer} and the token in force. */
    record Token(TokenReload token) implements MonitoringAccess {
    }

    /**
     * The access {@code config} says, with its token read from its file.
     *
     * @throws IOException when {@code web.metricsTokenFile} cannot be read or holds no usable token
     */
    static MonitoringAccess of(WebConfig config) throws IOException {
        return switch (config.metrics()) {
            case LOGIN -> new Login();
            case OPEN -> new Open();
            // WebConfig holds a token file with TOKEN and only then.
            case TOKEN -> new Token(TokenReload.read(config.metricsTokenFile().orElseThrow()));
        };
    }
}
