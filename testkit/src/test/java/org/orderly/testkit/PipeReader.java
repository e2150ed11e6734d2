package org.orderly.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM for {@link NamedPipeTest}: reads the file named by its argument (relative to its working directory) and
 * says what it read, prefixed by the system property {@code greeting}, then exits with 7; with no argument, exits with
 * 3 at once.
 */
public final class PipeReader {
    private PipeReader() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("nothing to read");
            System.exit(3);
        }
        String read = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8).strip();
        System.out.println(System.getProperty("greeting") + ", read " + read);
        System.exit(7);
    }
}
