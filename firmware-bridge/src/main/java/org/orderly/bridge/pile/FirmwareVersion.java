package org.orderly.bridge.pile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The version of this build: what a bridge reports on /info (a real bridge and the demo's) and what
 * {@code orderly --version} says, one source for all. The build writes the poms' {@code project.version} into the
 * resource {@code version.txt} beside this class (Maven's resource filtering), so classes run from a build folder say
 * it as the jars do.
 */
public final class FirmwareVersion {
    /** Classes compiled without the build's resources (an IDE's own build): no version known. */
    public static final String DEV = "dev";

    private FirmwareVersion() {
    }

    /** The poms' version this build was made as, or {@link #DEV} when the build did not write it. */
    public static String ofThisBuild() {
        try (InputStream in = FirmwareVersion.class.getResourceAsStream("version.txt")) {
            if (in == null) {
                return DEV;
            }
            String version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return version.isEmpty() || version.startsWith("${") ? DEV : version;
        } catch (IOException e) {
            throw new UncheckedIOException("this build's version (org/orderly/bridge/pile/version.txt): " + e, e);
        }
    }
}
