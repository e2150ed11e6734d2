package org.orderly.gateway.app.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the register maps a configuration names are looked up: the installer's own directory first, then the maps
 * shipped with the program. A map of the installer's own with the name of a shipped one is used in its place. The own
 * directory is the {@code devices} beside the configuration file, when there is one, or a command's {@code --devices};
 * a command given no configuration takes the installation's (the .deb's {@code /etc/orderly/orderly.yaml}: the tools'
 * {@code DevicesOption}).
 * An own directory that is the shipped one (the repository's {@code config/devices} beside {@code config/*.yaml}) is
 * not an own directory: its maps would only replace themselves.
 *
 * @param own     the installer's maps, read first; empty when there are none
 * @param shipped the maps shipped with the program (a directory, or {@code devices/} inside orderly.jar)
 */
public record MapDirs(Optional<Path> own, Path shipped) {
    /** The name of the own directory beside a configuration file. */
    public static final String BESIDE_CONFIG = "devices";

    public MapDirs {
        own = own.filter(o -> !sameDir(o, shipped));
    }

    /** The shipped maps alone. */
    public static MapDirs shipped(Path dir) {
        return new MapDirs(Optional.empty(), dir);
    }

    /** The shipped maps under the own directory beside {@code configFile}, when that exists (as whatever it is). */
    public static MapDirs forConfig(Path configFile, Path shipped) {
        Path beside = besideConfig(configFile);
        return new MapDirs(Files.exists(beside) ? Optional.of(beside) : Optional.empty(), shipped);
    }

    /** The own directory a configuration file would have: {@code devices} in its directory. */
    public static Path besideConfig(Path configFile) {
        return configFile.toAbsolutePath().getParent().resolve(BESIDE_CONFIG);
    }

    /**
     * The file of map {@code name} ({@code chint-dtsu666}, {@code piles/generic-pile}): the installer's, else the
     * shipped one.
     */
    public Path file(String name) {
        return ownFile(name).orElse(shipped.resolve(name + ".yaml"));
    }

    /** Whether map {@code name} comes from the installer's own directory. */
    public boolean isOwn(String name) {
        return ownFile(name).isPresent();
    }

    /** Whether map {@code name} is the installer's and replaces a shipped map of that name. */
    public boolean overridesShipped(String name) {
        return isOwn(name) && Files.isRegularFile(shipped.resolve(name + ".yaml"));
    }

    /**
     * Whether map {@code name} is the installer's, a byte-for-byte copy of the shipped map of that name: what a
     * devices directory made before 2026-12-05 holds (it had to copy every shipped map it used), which changes nothing.
     */
    public boolean copiesShipped(String name) {
        if (!overridesShipped(name)) {
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(file(name)), Files.readAllBytes(shipped.resolve(name + ".yaml")));
        } catch (IOException e) {
            return false; // not known to be a copy: said as the installer's own, and its loading says what is wrong
        }
    }

    /** Every map name there is, both directories together, sorted; a directory that cannot be listed adds none. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        own.ifPresent(o -> names.addAll(names(o)));
        names.addAll(names(shipped));
        return names;
    }

    /** The directories, as an installer would look in them: "DIR" or "OWN or SHIPPED". */
    public String where() {
        return own.map(o -> o + " or ").orElse("") + where(shipped);
    }

    private Optional<Path> ownFile(String name) {
        // Anything there by that name, a directory or a link that loops too: said as what it is when read, not passed
        // over for the shipped map of that name without a word.
        return own.map(o -> o.resolve(name + ".yaml")).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static SortedSet<String> names(Path dir) {
        SortedSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            files.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".yaml"))
                    .map(p -> dir.relativize(p).toString())
                    .map(n -> n.substring(0, n.length() - ".yaml".length()).replace('\\', '/')).forEach(found::add);
        } catch (IOException e) {
            // Not readable, or not there: no maps from it. What is wrong with it is said where it was given.
        }
        return found;
    }

    /** A directory as an installer finds it: one inside a jar (the maps shipped in orderly.jar) with the jar's name. */
    static String where(Path dir) {
        return dir.getFileSystem() == FileSystems.getDefault() ? dir.toString() : dir.toUri().toString();
    }

    private static boolean sameDir(Path a, Path b) {
        if (a.getFileSystem() != b.getFileSystem()) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
