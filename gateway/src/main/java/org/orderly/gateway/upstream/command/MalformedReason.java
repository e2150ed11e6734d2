package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.json.StrictJson;
import org.orderly.gateway.text.OneLine;

/**
 * Why a command is not one JSON object, as the grid company's operators read it in the reply: what is wrong and where,
 * on one line ({@code malformed: unexpected character ('}' (code 125)): was expecting double-quote to start field name
 * at line 1, column 8}). Jackson's own message ends in a location naming its redacted source, and in places names its
 * own classes and settings, which say nothing to whoever wrote the command.
 */
final class MalformedReason {
    private MalformedReason() {
    }

    /** The reason, starting {@code malformed: }, for a payload the strict reader refused. */
    static String of(JsonProcessingException e) {
        Optional<StrictJson.KeyTwice> twice = StrictJson.keyTwice(e);
        String what;
        if (twice.isPresent()) {
            what = "the object " + twice.get().said();
        } else if (StrictJson.moreAfterValue(e)) {
            what = "more after the JSON object";
        } else if (e instanceof JsonEOFException) {
            // Its message names where the open object began as "[Source: REDACTED ...]": where it ends says enough.
            what = "the text ends before the JSON object does";
        } else {
            // Jackson cuts a token it quotes at JsonFields' cut (the mapper's ErrorReportConfiguration).
            what = lowerFirst(String.valueOf(e.getOriginalMessage()));
        }
        return OneLine.of("malformed: " + what + at(e.getLocation()));
    }

    /** {@code " at line 1, column 8"}; empty when Jackson did not say where (a limit of its own, e.g. nesting). */
    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1 ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
