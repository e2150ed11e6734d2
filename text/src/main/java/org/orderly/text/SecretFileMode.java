package org.orderly.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Whether every local user can read a file holding a secret (a pre-shared key, a password, a private key, the page's
 * password hashes) of the gateway, the firmware-bridge or an {@code orderly} command. Such a file is warned about, not
 * refused: the gateway keeps the transformer within its limit, and a mode must not stop that (nor a bridge, whose pile
 * would fall back to its safe current).
 */
public final class SecretFileMode {
    private SecretFileMode() {
    }

    /**
     * The mode of {@code file} when others may read it and reach it (every directory above it, the link's target's,
     * lets others in); empty otherwise, or where the file system has no POSIX modes to tell.
     */
    public static Optional<String> everyoneReads(Path file) {
        try {
            Path real = file.toRealPath();
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(real);
            if (!mode.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.empty();
            }
            for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Optional.empty();
                }
            }
            return Optional.of(PosixFilePermissions.toString(mode));
        } catch (IOException | UnsupportedOperationException e) {
            // Read a moment ago; whoever cannot be told about its mode is not warned.
            return Optional.empty();
        }
    }

    /** The warning for {@code file} when every local user can read it: "can be read by every local user (mode ...)...". */
    public static Optional<String> warning(Path file) {
        return everyoneReads(file).map(mode -> "can be read by every local user (mode " + mode + "); it holds a "
                + "secret: chmod o-r " + file);
    }
}
