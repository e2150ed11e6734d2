package org.orderly.gateway.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Files a configuration names (keys, certificates, passwords): resolved against its directory and checked at load. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /**
     * The readable file named by {@code key}, resolved against {@code base}; empty when the key is absent, null (with
     * a problem reported at the value) when the file is missing, unreadable or, if {@code mustHoldText}, empty.
     */
    static Optional<Path> readable(Section s, String key, Path base, boolean mustHoldText, Problems problems) {
        if (!s.has(key)) {
            return Optional.empty();
        }
        String name = s.text(key, "", "a file name");
        if (name == null) {
            return null;
        }
        Path p = base.resolve(name);
        if (!Files.isReadable(p) || Files.isDirectory(p)) {
            problems.at(s.value(key), "'" + key + "' in " + s.path() + ": file " + p
                    + " does not exist or cannot be read");
            return null;
        }
        if (mustHoldText) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                problems.at(s.value(key), "'" + key + "' in " + s.path() + ": file " + p + " cannot be read: "
                        + e.getMessage());
                return null;
            }
            if (text.isBlank()) {
                problems.at(s.value(key), "'" + key + "' in " + s.path() + ": file " + p + " is empty");
                return null;
            }
        }
        return Optional.of(p);
    }
}
