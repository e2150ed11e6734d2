package org.orderly.gateway.web;

/** A refused request: the HTTP status and one line saying what was wrong and where. */
final class ApiError extends RuntimeException {
    private final int status;
    private final long retryAfterSeconds;

    ApiError(int status, String message) {
        this(status, message, 0);
    }

    private ApiError(int status, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    /** When to ask again (the Retry-After header), or 0. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiError tooMany(String message, long retryAfterSeconds) {
        return new ApiError(429, message, retryAfterSeconds);
    }

    static ApiError bad(String message) {
        return new ApiError(400, message);
    }
}
