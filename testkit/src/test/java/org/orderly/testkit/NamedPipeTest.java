package org.orderly.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM ({@link ChildProcess#startJava}) held on a named pipe, as the tests of a stop during start-up hold one. */
class NamedPipeTest {
    @TempDir
    Path dir;

    @Test
    void aChildJvmReadingThePipeIsHeldUntilItIsFed() throws Exception {
        NamedPipe pipe = NamedPipe.make(dir.resolve("in.fifo"));
        try (ChildProcess child = ChildProcess.startJava("reader", dir, List.of("-Dgreeting=hello"),
                PipeReader.class.getName(), List.of("in.fifo"), dir.resolve("reader.log"))) {
            try (OutputStream writer = pipe.openWhenReadBy(child)) {
                assertThat(child.isAlive()).as("held on the pipe").isTrue();
                writer.write("fed\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(7);
            assertThat(child.log()).contains("hello, read fed");
        }
    }

    @Test
    void aChildHeldOnThePipeStopsOnSigterm() throws Exception {
        NamedPipe pipe = NamedPipe.make(dir.resolve("in.fifo"));
        try (ChildProcess child = ChildProcess.startJava("reader", dir, List.of(), PipeReader.class.getName(),
                List.of("in.fifo"), dir.resolve("reader.log"))) {
            OutputStream writer = pipe.openWhenReadBy(child);
            child.terminate();
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as("SIGTERM (128 + 15)").isEqualTo(143);
            writer.close();
        }
    }

    @Test
    void aChildThatExitsBeforeReadingIsOneErrorWithItsLog() throws Exception {
        NamedPipe pipe = NamedPipe.make(dir.resolve("in.fifo"));
        try (ChildProcess child = ChildProcess.startJava("quitter", dir, List.of(), PipeReader.class.getName(),
                List.of(), dir.resolve("quitter.log"))) {
            assertThatThrownBy(() -> pipe.openWhenReadBy(child)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with 3 before it read " + pipe.path())
                    .hasMessageContaining("nothing to read");
        }
    }

    @Test
    void aChildStillRunningIsOneErrorWithItsLog() throws Exception {
        NamedPipe pipe = NamedPipe.make(dir.resolve("in.fifo"));
        try (ChildProcess child = ChildProcess.startJava("reader", dir, List.of("-Dgreeting=hi"),
                PipeReader.class.getName(), List.of("in.fifo"), dir.resolve("reader.log"))) {
            OutputStream writer = pipe.openWhenReadBy(child);
            assertThatThrownBy(() -> child.awaitExit(Duration.ofMillis(200))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reader still running after 200 ms");
            writer.close();
        }
    }

    @Test
    void aPipeThatCannotBeMadeSaysWhy() {
        assertThatThrownBy(() -> NamedPipe.make(dir.resolve("no-such-dir").resolve("in.fifo")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("mkfifo " + dir.resolve("no-such-dir"))
                .hasMessageContaining("exited with 1");
    }
}
