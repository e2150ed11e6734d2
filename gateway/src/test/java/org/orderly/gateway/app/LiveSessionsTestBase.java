package org.orderly.gateway.app;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live test of a pile's sessions: its rig's folder, and its {@link LiveSessions} (the rig closed after the test, the
 * sessions its gateway stored), each wait and flush within {@link #WITHIN}.
 */
abstract class LiveSessionsTestBase {
    static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    @RegisterExtension
    final LiveSessions sessions = new LiveSessions(WITHIN);
}
