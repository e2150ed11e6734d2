package org.orderly.gateway.field.pile;

import java.nio.file.Files;
import java.nio.file.Path;

/** The pile maps shipped in {@code config/devices/piles/}, found from the module or the repository root. */
final class PileMaps {

    private PileMaps() {
    }

    static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config").resolve("devices").resolve("piles").resolve(name + ".yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/devices/piles/" + name + ".yaml not found above " + Path.of("").toAbsolutePath());
    }

    static PileMap generic() throws Exception {
        return PileMapLoader.load(file("generic-pile"));
    }
}
