package org.orderly.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Another adapter given the device number of one pulled out: socat pairs made (each in a directory of its own under
 * {@code dir}) until one of their pseudo-terminals has the number (the inode, {@link DeviceLocks#key}) a killed socat's
 * had. The kernel gives the lowest free number, so the first pair takes it unless another process on the machine took
 * it first; {@link #end} says which end has it, if one does.
 */
public final class PtyNumberTaken implements AutoCloseable {
    private static final int PAIRS = 4;
    private final List<SocatPair> pairs = new ArrayList<>();
    private final Path end;

    public PtyNumberTaken(String socat, Path dir, String key) throws Exception {
        Path found = null;
        try {
            for (int i = 0; i < PAIRS && found == null; i++) {
                SocatPair pair = new SocatPair(socat, Files.createDirectories(dir.resolve("other-adapter-" + i)));
                pairs.add(pair);
                if (DeviceLocks.key(pair.master).equals(key)) {
                    found = pair.master.toRealPath();
                } else if (DeviceLocks.key(pair.slave).equals(key)) {
                    found = pair.slave.toRealPath();
                }
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        end = found;
    }

    /** The pseudo-terminal (/dev/pts/N) that has the number; empty when another process on the machine took it. */
    public Optional<Path> end() {
        return Optional.ofNullable(end);
    }

    @Override
    public void close() throws Exception {
        for (SocatPair pair : pairs) {
            pair.close();
        }
    }
}
