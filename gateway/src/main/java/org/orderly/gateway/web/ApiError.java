package org.orderly.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request: the HTTP status, one line saying what was wrong and where (English, for logs and scripts), and
 * for a refusal the page can meet its {@link Refusal} code and the figures the page's translation needs.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final Refusal code;
    private final Map<String, Object> args;
    private final long retryAfterSeconds;

    /** A refusal without a code: the page shows its English line. */
    ApiError(int status, String message) {
        this(status, null, Map.of(), message, 0);
    }

    ApiError(int status, Refusal code, Map<String, ?> args, String message) {
        this(status, code, args, message, 0);
    }

    private ApiError(int status, Refusal code, Map<String, ?> args, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.args = Map.copyOf(args);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    /** When to ask again (the Retry-After header), or 0. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The answer's body: {@code error}, and {@code code} and {@code args} when it has a code. */
    Map<String, Object> body() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", getMessage());
        if (code != null) {
            out.put("code", code.name());
            out.put("args", args);
        }
        return out;
    }

    static ApiError tooMany(String message, long retryAfterSeconds) {
        return new ApiError(429, Refusal.TOO_MANY_FAILURES, Map.of("seconds", retryAfterSeconds), message,
                retryAfterSeconds);
    }

    /** 429 for a password not checked because another was checked all the while it waited: no failure of its own. */
    static ApiError busy(long retryAfterSeconds) {
        return new ApiError(429, Refusal.CHECK_BUSY, Map.of("seconds", retryAfterSeconds),
                "another password is being checked; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    static ApiError bad(String message) {
        return new ApiError(400, message);
    }

    static ApiError bad(Refusal code, Map<String, ?> args, String message) {
        return new ApiError(400, code, args, message);
    }
}
