package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The register maps shipped in {@code config/devices/}, found from the module or the repository root. */
final class DeviceMaps {

    private DeviceMaps() {
    }

    static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config").resolve("devices");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/devices not found above " + Path.of("").toAbsolutePath());
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(directory())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Every shipped map by file name (without .yaml), in name order. */
    static Map<String, RegisterMap> all() throws Exception {
        Map<String, RegisterMap> maps = new LinkedHashMap<>();
        for (Path f : files()) {
            maps.put(f.getFileName().toString().replace(".yaml", ""), RegisterMapLoader.load(f));
        }
        return maps;
    }

    static RegisterMap load(String name) throws Exception {
        return RegisterMapLoader.load(directory().resolve(name + ".yaml"));
    }
}
