package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.orderly.text.StrictUtf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most a request body may be: {@value #MAX_BYTES} bytes, well over the 10,000 characters of JSON any request may
 * hold ({@link JsonBody}), and far under Javalin's 1 MB, which anyone on the LAN could make the page buffer per
 * connection without signing in. A body declared larger is refused before any of it is read; a chunked one as soon
 * as it passes the limit. Both are 413 with one line, and not logged (anyone may send them, as often as they like).
 */
final class RequestSize {
    private static final Logger LOG = LoggerFactory.getLogger(RequestSize.class);
    static final int MAX_BYTES = 65_536;

    private RequestSize() {
    }

    /** Before every request: a declared length over the limit is refused from the headers. */
    static void check(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
    }

    /**
     * The body as UTF-8 text, read only up to the limit; refused (400, with the first bad byte and its place) when it is
     * not UTF-8, rather than read with each bad byte made U+FFFD: a password sent in Latin-1 would be kept as its
     * replacement characters, and any other letters in their places would then sign in with it.
     */
    static String text(Context ctx) {
        byte[] body;
        try {
            // Not closed here: the stream is the connection's, which Jetty keeps for the next request.
            InputStream in = ctx.req().getInputStream();
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw unread(ctx, e);
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        return utf8(body);
    }

    private static String utf8(byte[] body) {
        try {
            return StrictUtf8.decode(body);
        } catch (StrictUtf8.Malformed e) {
            String before = e.before();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw ApiError.bad("the request body is not UTF-8 (byte 0x" + e.hex() + " at line " + line + ", column "
                    + column + "); send it as UTF-8");
        }
    }

    /**
     * A body the connection failed to bring is the client's doing or its network's, not the gateway's: it hung up
     * mid-body, or stalled until the connection's idle timeout (web.idleTimeoutS). Anyone may do either, as often as they
     * like, so it is logged at debug only and not answered 500 "see the gateway's log".
     */
    private static ApiError unread(Context ctx, IOException e) {
        boolean stalled = causedBy(e, TimeoutException.class);
        LOG.debug("local page: {} {}: the request body {}", ctx.method(), ctx.path(), stalled ? "stalled" : "was cut short",
                e);
        return stalled ? new ApiError(408, "the request body did not come in time")
                : new ApiError(400, "the request body was cut short");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> cause) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (cause.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static ApiError tooLarge() {
        return new ApiError(413, Refusal.BODY_TOO_LARGE, Map.of("bytes", MAX_BYTES),
                "the request body is over " + MAX_BYTES + " bytes");
    }
}
