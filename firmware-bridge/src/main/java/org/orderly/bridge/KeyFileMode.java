package org.orderly.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Whether every local user can read a key file: the gateway's {@code SecretFileMode.everyoneReads}, for the bridge (which shares no module with it). */
final class KeyFileMode {
    private KeyFileMode() {
    }

    /**
     * The mode of {@code file} when others may read it and reach it (every directory above it, the link's target's,
     * lets others in); empty otherwise, or where the file system has no POSIX modes to tell.
     */
    static Optional<String> everyoneReads(Path file) {
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
}
