package org.orderly.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The register maps ({@code config/devices}) carried in orderly.jar under {@code devices/}, as the Kura bundle carries
 * them: the shipped maps of a command run without a launcher's {@code -Dorderly.home} (read after the installer's own,
 * {@link DevicesOption}), so that {@code java -jar orderly.jar} finds them from any directory. Read where they are, in
 * the jar: unlike the bundle, which copies them into its data area, a command has nowhere of its own to keep a copy.
 */
final class ShippedMaps {
    static final String ROOT = "devices";

    private ShippedMaps() {
    }

    /** The maps carried by the program this class was loaded from. */
    static Path ofThisProgram() {
        return Holder.MAPS;
    }

    /** The maps carried at {@code codeSource}: a jar, or the classes directory it is built from. */
    static Path in(Path codeSource) {
        if (Files.isDirectory(codeSource)) {
            return codeSource.resolve(ROOT);
        }
        try {
            // Held open for the life of the process: every command reads its maps until it exits.
            return FileSystems.newFileSystem(codeSource).getPath("/" + ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + codeSource + " to read the register maps it carries", e);
        }
    }

    private static final class Holder {
        static final Path MAPS = in(codeSource());

        private static Path codeSource() {
            try {
                return Path.of(ShippedMaps.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("where orderly was loaded from is not a path", e);
            }
        }
    }
}
