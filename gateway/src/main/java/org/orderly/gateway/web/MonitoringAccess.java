package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.io.IOException;
import org.orderly.gateway.app.config.WebConfig;

/**
 * Who may read {@code /metrics} and {@code /healthz}, as {@code web.metrics} says ({@link MonitoringRoutes}): a
 * signed-in browser, anyone, or the bearer of the token in {@code web.metricsTokenFile}. Only the last has a token.
 */
sealed interface MonitoringAccess {
    /**
     * Whether the request may read, checked as this access says with {@code checks}; false once the request is
     * answered (401, 429). Each case says its own, so a new case cannot be left without one.
     */
    boolean allows(Context ctx, Checks checks);

    /** The checks the cases are made of, the page's ({@link MonitoringRoutes}). */
    interface Checks {
        /** Returns when the request is signed in; throws what the API's refusal is otherwise ({@link AccessGuard}). */
        void signedIn(Context ctx);

        /** Whether the request bears {@code token}; false once answered 401 or 429. */
        boolean bearer(Context ctx, TokenReload token);
    }

    /** {@code web.metrics: login} (the default): a live sign-in, as {@code /api/} needs. */
    record Login() implements MonitoringAccess {
        @Override
        public boolean allows(Context ctx, Checks checks) {
            checks.signedIn(ctx);
            return true;
        }
    }

    /** {@code web.metrics: open}: anyone who reaches the page's address. */
    record Open() implements MonitoringAccess {
        @Override
        public boolean allows(Context ctx, Checks checks) {
            return true;
        }
    }

    /** {@code web.metrics: token}: {@code Authorization: Bearer} and the token in force. */
    record Token(TokenReload token) implements MonitoringAccess {
        @Override
        public boolean allows(Context ctx, Checks checks) {
            return checks.bearer(ctx, token);
        }
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
