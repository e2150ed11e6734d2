package org.orderly.gateway.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before any route runs: a request it cannot parse (a bad header, a request line too
 * long) or will not route (an ambiguous URI). They carry the page's headers ({@link SecurityHeaders}) and are not
 * stored, like every other answer; the page shows only the status and the escaped reason, no stack trace.
 */
final class JettyErrorPages extends ErrorHandler {
    JettyErrorPages() {
        setCacheControl(SecurityHeaders.NOT_STORED);
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.EVERY_ANSWER.forEach(response.getHeaders()::put);
        return super.handle(request, response, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.EVERY_ANSWER.forEach(fields::put);
        fields.put("Cache-Control", SecurityHeaders.NOT_STORED);
        return super.badMessageError(status, reason, fields);
    }
}
