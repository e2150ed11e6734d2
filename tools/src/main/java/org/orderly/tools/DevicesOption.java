package org.orderly.tools;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.DeviceMaps;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.OwnMaps;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PileMapLoader;
import picocli.CommandLine.Option;

/**
 * Where a command finds the register maps: the installer's own first, then the shipped ones ({@link MapDirs}). The
 * installer's own are in {@code --devices DIR} when given, else in the {@code devices} directory beside the command's
 * configuration when there is one: the file it was given, or for a command given none ({@code modbus scan},
 * {@code modbus read}, {@code pile}) the installation's, {@code -Dorderly.config} ({@link #INSTALLED_CONFIG}), which
 * the .deb's launcher gives as {@code /etc/orderly/orderly.yaml}, the file its unit runs. The shipped maps are the
 * {@code config/devices} of {@code -Dorderly.home}, which the launchers give (the repository's with {@code ./orderly},
 * {@code /usr/share/orderly} with the .deb's), or else the maps inside orderly.jar ({@link ShippedMaps}), never a
 * directory that depends on where the command is run. Before 2026-12-05 {@code --devices} replaced the shipped maps; a
 * directory that holds copies of them still works, its copies read in their place.
 */
public final class DevicesOption {
    /**
     * The system property naming the installation's configuration, whose {@code devices} directory a command given no
     * configuration reads: the .deb's {@code /usr/bin/orderly} gives {@code /etc/orderly/orderly.yaml}. The
     * repository's {@code ./orderly} gives none: a checkout has no configuration of its own ({@code config/*.yaml}
     * are examples beside the shipped maps), so there such a command reads the installer's maps only with
     * {@code --devices}.
     */
    public static final String INSTALLED_CONFIG = "orderly.config";

    @Option(names = "--devices", paramLabel = "DIR", description = "register maps of your own, read before the shipped "
            + "ones (default: the devices directory beside the configuration, when there is one: --config's, or for a "
            + "command without one the installation's, /etc/orderly/devices with the .deb)")
    Path dir;

    /** The configuration a command given no other took as {@code --config} ({@code pile}), once loaded; or null. */
    private Path config;

    /**
     * For a command that takes a configuration only when given one ({@code pile --config}): from now on its maps are
     * those of {@code configFile}, as {@link #maps(Path)} says, not the installation's.
     */
    public void besideConfig(Path configFile) {
        this.config = configFile;
    }

    /** The shipped maps: {@code config/devices} in -Dorderly.home, or the maps inside orderly.jar. */
    public static Path shipped() {
        String home = System.getProperty("orderly.home");
        return home != null ? Path.of(home, "config", "devices") : ShippedMaps.ofThisProgram();
    }

    /** The installation's configuration, {@code -Dorderly.config}; empty when the launcher gives none. */
    public static Optional<Path> installedConfig() {
        return Optional.ofNullable(System.getProperty(INSTALLED_CONFIG)).filter(c -> !c.isBlank()).map(Path::of);
    }

    /**
     * The maps of a command given no configuration: {@code --devices} when given, else the devices directory beside the
     * installation's configuration when there is one; then the shipped ones.
     */
    public MapDirs maps() {
        if (dir != null) {
            return new MapDirs(Optional.of(dir), shipped());
        }
        if (config != null) {
            return MapDirs.forConfig(config, shipped());
        }
        return installedConfig().map(c -> MapDirs.forConfig(c, shipped())).orElseGet(() -> MapDirs.shipped(shipped()));
    }

    /**
     * Why the devices directory beside the installation's configuration was not looked in, for a command given no
     * configuration and no {@code --devices}: one line naming it, when this user may not enter a directory above it
     * (the .deb's {@code /etc/orderly}, 750 {@code root:orderly}); empty when it was, or there is nothing to look in.
     */
    public Optional<String> notLookedIn() {
        if (dir != null || config != null) {
            return Optional.empty();
        }
        return installedConfig().map(MapDirs::besideConfig)
                .filter(d -> !Files.exists(d) && !Files.notExists(d)) // neither: its status could not be read
                .flatMap(d -> InputFiles.directoryProblem(d, "register maps").map(p -> "your own maps in " + d
                        + " (beside " + installedConfig().get() + ") not read: " + p));
    }

    /**
     * The maps of a command given {@code configFile}: {@code --devices}, else its own devices directory; then the
     * shipped ones.
     */
    public MapDirs maps(Path configFile) {
        return dir != null ? maps() : MapDirs.forConfig(configFile, shipped());
    }

    /** The installer's {@code --devices} directory; null when it was not given. */
    public Path given() {
        return dir;
    }

    /**
     * The maps of a command given no configuration, when their directories are ones this process can read; otherwise
     * bad input (one line naming {@code --devices} and the path, exit 2) before anything is opened. The shipped
     * directory is worth naming too: -Dorderly.home may be mistyped.
     */
    public MapDirs existingMaps() {
        MapDirs maps = maps();
        problem(maps).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return maps;
    }

    /**
     * What is wrong with the directories of {@code maps}, as one line naming the directory as it was given
     * ({@code --devices DIR}, or the devices directory beside the configuration); empty when nothing is.
     */
    public Optional<String> problem(MapDirs maps) {
        return maps.own().flatMap(o -> InputFiles.directoryProblem(o, "register maps").map(p -> (dir != null
                ? "--devices " + o + ": " + p + "; give a directory of .yaml maps of your own (read before the shipped "
                        + "maps), or leave --devices out"
                : "devices directory " + o + " beside the configuration: " + p + "; make it a directory of .yaml "
                        + "maps of your own (read before the shipped maps), or remove it")))
                .or(() -> problem(maps.shipped()));
    }

    /** What is wrong with {@code dir} as the shipped register maps, as one line; empty when nothing is. */
    public static Optional<String> problem(Path dir) {
        if (dir.getFileSystem() != FileSystems.getDefault()) {
            return Optional.empty(); // the maps shipped in orderly.jar, which no file mode there keeps anyone from
        }
        return InputFiles.directoryProblem(dir, "register maps").map(p -> "the shipped register maps " + dir + ": " + p
                + "; -Dorderly.home names the directory holding config/devices, or leave it out for the maps in "
                + "orderly.jar");
    }

    /**
     * The file of map {@code name} given as {@code --map}: when there is none, bad input (one line, exit 2) naming the
     * maps there are, rather than the loader's bare file name.
     */
    public Path existingMap(String name) {
        MapDirs maps = existingMaps();
        DeviceMaps known = new DeviceMaps(maps);
        if (known.has(name)) {
            return maps.file(name);
        }
        throw new IllegalArgumentException("--map " + name + ": " + known.unknown(name)
                + notLookedIn().map(n -> "; " + n)
                        .orElse(dir == null && maps.own().isEmpty() ? " (or give --devices DIR, a directory of maps of "
                                + "your own)" : ""));
    }

    /**
     * The line saying that map {@code name} is the installer's and which file it is (as check-config says the maps of a
     * configuration: {@link OwnMaps}), for a command given it as {@code --map}; empty for a shipped map.
     */
    public Optional<String> ownLine(String name) {
        return OwnMaps.line(name, maps());
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
