package org.orderly.tools;

import java.nio.file.Path;
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
}
