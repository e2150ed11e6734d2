package org.orderly.tools.simulate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Where a top-level key's value stands in the file, for a problem with a value that Jackson read without complaint
 * (the records it fills keep no places). Asked only once such a problem is found, so a valid file is read once.
 */
final class TopLevelPlace {
    private TopLevelPlace() {
    }

    /** {@code " (line 5, column 12)"} for the value of {@code key}; empty when the file has no such key. */
    static String of(ObjectMapper mapper, byte[] json, String key) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(key)) {
                    return JsonProblems.at(p.currentTokenLocation());
                }
                p.skipChildren();
            }
        }
        return "";
    }
}
