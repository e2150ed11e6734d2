package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.BadTextFile;

/**
 * The count a run before left unsaid beside the store, in a file that is not text: one ERROR naming the file and what
 * is wrong as TextFile says it. Until 2026-12-05 Latin-1 said "cannot be read (Input length = 1)", a directory "(Is a
 * directory)", and a link that loops was taken for no file, the count it held never said to be lost.
 */
class UnsaidDropsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTextFile.class)
    void aFileThatIsNotTextIsOneErrorNamingIt(BadTextFile bad) throws Exception {
        Path store = dir.resolve("orderly.db");
        Path file = bad.make(UnsaidDrops.file(store));
        try (CapturedLog log = new CapturedLog()) {
            assertThat(UnsaidDrops.read(store)).isEmpty();

            assertThat(log.lines(" ERROR ", file + ":", bad.said, "are not counted")).hasSize(1);
        }
    }
}
