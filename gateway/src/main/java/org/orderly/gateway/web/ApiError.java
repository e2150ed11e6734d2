package org.orderly.gateway.web;

/** A refused request: the HTTP status and one line saying what was wrong and where. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError bad(String message) {
        return new ApiError(400, message);
    }
}
