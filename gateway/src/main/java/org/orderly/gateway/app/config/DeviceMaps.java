package org.orderly.gateway.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The register maps available in a devices directory: {@code <name>.yaml} files, named without the extension. */
final class DeviceMaps {
    private final Path dir;
    private final List<String> names;

    DeviceMaps(Path dir) {
        this.dir = dir;
        List<String> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            found = List.of();
        }
        this.names = found;
    }

    boolean has(String name) {
        return names.contains(name);
    }

    /** The message for an unknown map name: where it was looked for and what is there. */
    String unknown(String name) {
        return "no register map '" + name + "' in " + dir + "; " + Suggest.didYouMean(name, names)
                + (names.isEmpty() ? "the directory has no .yaml maps" : "available: " + String.join(", ", names));
    }
}
