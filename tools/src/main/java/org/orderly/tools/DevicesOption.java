package org.orderly.tools;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.DeviceMaps;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PileMapLoader;
import picocli.CommandLine.Option;

/**
 * {@code --devices DIR}, the directory of register maps, for every command that reads one. Without it: the
 * {@code config/devices} of {@code -Dorderly.home}, which the launchers give (the repository's with {@code ./orderly},
 * {@code /usr/share/orderly} with the .deb's), or else the maps shipped inside orderly.jar ({@link ShippedMaps}), never
 * a directory that depends on where the command is run.
 */
public final class DevicesOption {
    @Option(names = "--devices", paramLabel = "DIR", description = "register maps (default: config/devices in "
            + "-Dorderly.home, which ./orderly and the .deb's orderly give; without it, the maps shipped in orderly.jar)")
    Path dir;

    public Path dir() {
        if (dir != null) {
            return dir;
        }
        String home = System.getProperty("orderly.home");
        return home != null ? Path.of(home, "config", "devices") : ShippedMaps.ofThisProgram();
    }

    /**
     * The directory, when it is one this process can read; otherwise bad input (one line naming {@code --devices} and
     * the path, exit 2) before anything is opened. The default is worth naming too: -Dorderly.home may be mistyped.
     */
    public Path existingDir() {
        problem(dir()).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return dir();
    }

    /** What is wrong with {@code dir} as the directory of register maps, as one line; empty when nothing is. */
    public static Optional<String> problem(Path dir) {
        if (dir.getFileSystem() != FileSystems.getDefault()) {
            return Optional.empty(); // the maps shipped in orderly.jar, which no file mode there keeps anyone from
        }
        return InputFiles.directoryProblem(dir, "register maps")
                .map(p -> "--devices " + dir + ": " + p
                        + "; give a directory of .yaml maps, or leave --devices out for the maps shipped with orderly");
    }

    /** The file of the register map called {@code name}, e.g. "eastron-sdm630" or "piles/generic-pile". */
    public Path map(String name) {
        return dir().resolve(name + ".yaml");
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

    /**
     * The meter map {@code --map name}, loaded. A pile's map given instead is bad input in one line that says which
     * command reads it; a broken map is bad input too, each of its problems as {@code file:line: what}.
     */
    public RegisterMap meterMap(String name) throws IOException {
        Path file = existingMap(name);
        try {
            return RegisterMapLoader.load(file);
        } catch (RegisterMapException e) {
            if (loads(() -> PileMapLoader.load(file))) {
                throw new IllegalArgumentException("--map " + name + ": this is a pile's register map, not a meter's; "
                        + "read the pile with 'orderly pile get --map " + name + "', a meter with a meter's map");
            }
            throw new IllegalArgumentException("--map " + name + ": the map cannot be used:" + System.lineSeparator()
                    + e.getMessage(), e);
        }
    }

    /** As {@link #meterMap}, for a pile: a meter's map given instead is one line that says which command reads it. */
    public PileMap pileMap(String name) throws IOException {
        Path file = existingMap(name);
        try {
            return PileMapLoader.load(file);
        } catch (RegisterMapException e) {
            if (loads(() -> RegisterMapLoader.load(file))) {
                throw new IllegalArgumentException("--map " + name + ": this is a meter's register map, not a pile's; "
                        + "a pile needs a pile map with its limit register and states (piles/generic-pile is the template), "
                        + "a meter is read with 'orderly modbus read --map " + name + "'");
            }
            throw new IllegalArgumentException("--map " + name + ": the map cannot be used:" + System.lineSeparator()
                    + e.getMessage(), e);
        }
    }

    private interface Load {
        void run() throws IOException, RegisterMapException;
    }

    private static boolean loads(Load load) throws IOException {
        try {
            load.run();
            return true;
        } catch (RegisterMapException e) {
            return false;
        }
    }
}
