package org.orderly.tools;

import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.DeviceMaps;
import picocli.CommandLine.Option;

/** {@code --devices DIR}, the directory of register maps, for every command that reads one. */
public final class DevicesOption {
    @Option(names = "--devices", defaultValue = "${sys:orderly.home:-.}/config/devices", paramLabel = "DIR",
            description = "register maps (default ${DEFAULT-VALUE})")
    Path dir;

    public Path dir() {
        return dir;
    }

    /**
     * The directory, when it is one this process can read; otherwise bad input (one line naming {@code --devices} and
     * the path, exit 2) before anything is opened. The default is worth naming too: it depends on where orderly runs.
     */
    public Path existingDir() {
        problem(dir).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return dir;
    }

    /** What is wrong with {@code dir} as the directory of register maps, as one line; empty when nothing is. */
    public static Optional<String> problem(Path dir) {
        return InputFiles.directoryProblem(dir, "register maps")
                .map(p -> "--devices " + dir + ": " + p + "; give --devices DIR (config/devices in the repository)");
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
        DeviceMaps maps = new DeviceMaps(existingDir());
        if (maps.has(name)) {
            return map(name);
        }
        throw new IllegalArgumentException("--map " + name + ": " + maps.unknown(name) + " (or give --devices DIR)");
    }
}
