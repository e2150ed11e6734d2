package org.orderly.gateway.app;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the live gateway on a {@link LiveRig} the test starts in its own folder ({@link #dir}): the rig, once
 * started, is closed after each test, however it ended.
 */
abstract class LiveRigTestBase {
    @TempDir
    Path dir;
    LiveRig rig;

    @AfterEach
    void closeRig() {
        if (rig != null) {
            rig.close();
        }
    }
}
