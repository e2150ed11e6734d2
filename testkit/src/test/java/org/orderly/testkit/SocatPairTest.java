package org.orderly.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socat pair's paths go with its pseudo-terminals. The kernel gives a freed pseudo-terminal's number to the next one
 * made on the machine, so a link left behind would lead to another test's line: a bus still trying it opens that one
 * and holds it, and its own test's open fails with error 11 (in use).
 */
class SocatPairTest {
    @TempDir
    Path dir;

    @Test
    void aPulledOutPairLeavesNothingAtItsPaths() throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir)) {
            assertThat(line.master.toRealPath().toString()).startsWith("/dev/pts/");
            line.pullOut();
            assertThat(Files.exists(line.master, LinkOption.NOFOLLOW_LINKS)).as("link at %s", line.master).isFalse();
            assertThat(Files.exists(line.slave, LinkOption.NOFOLLOW_LINKS)).as("link at %s", line.slave).isFalse();
        }
    }

    @Test
    void aClosedPairLeavesNothingAtItsPaths() throws Exception {
        SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
        line.close();
        assertThat(Files.exists(line.master, LinkOption.NOFOLLOW_LINKS)).as("link at %s", line.master).isFalse();
        assertThat(Files.exists(line.slave, LinkOption.NOFOLLOW_LINKS)).as("link at %s", line.slave).isFalse();
    }
}
