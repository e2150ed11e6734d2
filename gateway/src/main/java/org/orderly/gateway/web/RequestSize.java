package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The most a request body may be: {@value #MAX_BYTES} bytes, well over the 10,000 characters of JSON any request may
 * hold ({@link JsonBody}), and far under Javalin's 1 MB, which anyone on the LAN could make the page buffer per
 * connection without signing in. A body declared larger is refused before any of it is read; a chunked one as soon
 * as it passes the limit. Both are 413 with one line, and not logged (anyone may send them, as often as they like).
 */
final class RequestSize {
    static final int MAX_BYTES = 65_536;

    private RequestSize() {
    }

    /** Before every request: a declared length over the limit is refused from the headers. */
    static void check(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
    }

    /** The body as UTF-8 text, read only up to the limit. */
    static String text(Context ctx) {
        byte[] body;
        try {
            // Not closed here: the stream is the connection's, which Jetty keeps for the next request.
            InputStream in = ctx.req().getInputStream();
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static ApiError tooLarge() {
        return new ApiError(413, Refusal.BODY_TOO_LARGE, Map.of("bytes", MAX_BYTES),
                "the request body is over " + MAX_BYTES + " bytes");
    }
}
