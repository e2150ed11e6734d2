package org.orderly.gateway.web;

import org.orderly.text.OneLine;

/**
 * The client's own text as a refusal says it back (a query, a field's value, an id in the path): its first
 * {@value #SAID} characters, then {@code ...}, on one line ({@link OneLine}), since it is as long as they chose to make
 * it and may hold a line break.
 */
final class ClientText {
    /** What of the client's text is said back in an error. */
    static final int SAID = 40;

    private ClientText() {
    }

    static String said(String text) {
        return OneLine.head(text, SAID);
    }
}
