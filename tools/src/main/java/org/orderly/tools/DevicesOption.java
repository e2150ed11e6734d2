package org.orderly.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** {@code --devices DIR}, the directory of register maps, for every command that reads one. */
public final class DevicesOption {
    @Option(names = "--devices", defaultValue = "${sys:orderly.home:-.}/config/devices", paramLabel = "DIR",
            description = "register maps (default ${DEFAULT-VALUE})")
    Path dir;

    public Path dir() {
        return dir;
    }

    /** The file of the register map called {@code name}, e.g. "eastron-sdm630" or "piles/generic-pile". */
    public Path map(String name) {
        return dir.resolve(name + ".yaml");
    }

    /**
     * As {@link #map}, for a name given as {@code --map}: when there is no such file, bad input (one line, exit 2)
     * naming the maps there are, rather than the loader's bare file name.
     */
    public Path existingMap(String name) {
        Path file = map(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> names;
        try (Stream<Path> files = Files.walk(dir, 3)) {
            names = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).map(p -> dir.relativize(p).toString())
                    .map(n -> n.substring(0, n.length() - ".yaml".length()).replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            names = List.of();
        }
        throw new IllegalArgumentException("--map " + name + ": no register map " + file + "; "
                + (names.isEmpty() ? "no maps in " + dir + " (give --devices DIR)" : "available: " + String.join(", ", names)));
    }
}
