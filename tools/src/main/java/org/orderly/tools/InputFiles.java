package org.orderly.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.text.Unreadable;
import org.orderly.text.TextFileException;
import org.orderly.text.TextFile;

/**
 * Files and directories named on the command line, checked before anything is opened with them: one that is missing,
 * of the wrong kind or unreadable is bad input, said as {@code OPTION PATH: what} ({@link IllegalArgumentException}:
 * one line, exit 2), not as the text of whichever Java exception reading it would raise.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** {@code path} when it is a file this process can read. */
    public static Path readableFile(String option, Path path) {
        fileProblem(path).ifPresent(p -> {
            throw bad(option, path, p);
        });
        return path;
    }

    /** What is wrong with {@code path} as a file to read, as {@link Unreadable} says it; empty when nothing is. */
    public static Optional<String> fileProblem(Path path) {
        return Unreadable.asFile(path).map(InputFiles::withRemedy);
    }

    /**
     * The UTF-8 text of a file that must hold some (a key), without surrounding whitespace (an editor's final
     * newline is not part of a key).
     */
    public static String text(String option, Path path) throws IOException {
        readableFile(option, path);
        String text;
        try {
            text = TextFile.stripped(path);
        } catch (TextFileException e) {
            throw bad(option, path, e.fault());
        }
        if (text.isEmpty()) {
            throw bad(option, path, "is empty");
        }
        return text;
    }

    /** {@code path} when it is a directory this process can list; {@code what} says what it should hold. */
    public static Path readableDirectory(String option, Path path, String what) {
        directoryProblem(path, what).ifPresent(p -> {
            throw bad(option, path, p);
        });
        return path;
    }

    /** What is wrong with {@code path} as a directory of {@code what}; empty when nothing is. */
    public static Optional<String> directoryProblem(Path path, String what) {
        return Unreadable.asDirectory(path, what).map(InputFiles::withRemedy);
    }

    /** A command is run by a person, who can run it again as a user that may enter the directory. */
    private static String withRemedy(Unreadable problem) {
        return problem instanceof Unreadable.AboveNotEntered
                ? problem.text() + "; run the command with sudo, or as a user that directory lets in"
                : problem.text();
    }

    private static IllegalArgumentException bad(String option, Path path, String problem) {
        return new IllegalArgumentException(option + " " + path + ": " + problem);
    }
}
