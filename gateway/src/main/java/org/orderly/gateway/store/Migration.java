package org.orderly.gateway.store;

import java.util.List;
import java.util.Objects;

/** Schema version {@code version}: the statements that take the schema there from {@code version - 1}. */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, got " + version);
        }
    }
}
