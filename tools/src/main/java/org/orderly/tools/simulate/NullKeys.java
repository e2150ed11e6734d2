package org.orderly.tools.simulate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Finds a key given JSON null. The spec gives null no meaning, and neither make-scenario.py nor the shared scenarios
 * write one; Jackson reads it as the key left out (a record's component cannot tell the two apart), so a typo'd
 * null would silently become a default. Asked once Jackson has read the file without complaint, so that its own
 * findings (syntax, unknown keys, wrong types) come first, as they do in a file without nulls. A null entry of a
 * list is not a key left out; the checks of that list name it.
 */
final class NullKeys {
    private NullKeys() {
    }

    /** Null when no key is given null, else one line: {@code transformer.phaseLimitA: null (line 9, column 63) ...}. */
    static String first(ObjectMapper mapper, byte[] json) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NULL && p.getParsingContext().inObject()) {
                    return JsonProblems.contextPath(p, true) + ": null" + JsonProblems.at(p.currentTokenLocation())
                            + "; an optional key is left out, not set to null";
                }
            }
        }
        return null;
    }
}
