package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A second reading of a text its mapper has just read whole, token by token, to find a number as it was sent (a tree
 * keeps only its double): its failure is a defect, not the sender's.
 */
final class ReadAgain {
    private ReadAgain() {
    }

    /** Opens a parser on the text read before. */
    interface Opening {
        JsonParser open() throws IOException;
    }

    /** What is found in it. */
    interface Finding<T> {
        T find(JsonParser p) throws IOException;
    }

    static <T> T read(Opening opening, Finding<T> finding) {
        try (JsonParser p = opening.open()) {
            return finding.find(p);
        } catch (IOException e) {
            throw new UncheckedIOException("text read twice differently: " + e.getMessage(), e);
        }
    }
}
