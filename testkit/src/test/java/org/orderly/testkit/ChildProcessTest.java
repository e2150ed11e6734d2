package org.orderly.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void waitsForALogLineAndStopsTheProgramOnClose() throws Exception {
        ChildProcess p = ChildProcess.start("sleeper", List.of("sh", "-c", "sleep 0.3; echo serving; exec sleep 60"),
                dir.resolve("sleeper.log"));

        p.awaitLog("serving", Duration.ofSeconds(10));
        assertThat(p.isAlive()).isTrue();
        p.close();

        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void aProgramThatExitsFirstIsOneErrorWithItsLog() throws Exception {
        ChildProcess p = ChildProcess.start("broken", List.of("sh", "-c", "echo no such register file >&2; exit 3"),
                dir.resolve("broken.log"));

        assertThatThrownBy(() -> p.awaitTcp(LoopbackPorts.free(), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken exited with 3")
                .hasMessageContaining("no such register file");
    }

    @Test
    void aProgramThatNeverServesTimesOutWithTheLastFailedCheck() throws Exception {
        try (ChildProcess p = ChildProcess.start("silent", List.of("sleep", "60"), dir.resolve("silent.log"))) {
            assertThatThrownBy(() -> p.awaitReady("answering", Duration.ofMillis(300), Duration.ofMillis(50), () -> {
                throw new IllegalArgumentException("no answer from unit 1");
            })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("silent not answering within 300 ms")
                    .hasRootCauseMessage("no answer from unit 1");
        }
    }
}
