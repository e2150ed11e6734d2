package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.AsAnotherUser;
import org.orderly.text.Unwritable;
import org.slf4j.LoggerFactory;

/**
 * A gateway run once by hand with sudo leaves root's store files where the service's user then may not write them.
 * Until 2026-12-07 its start said {@code cannot lock store ...: permission denied} (the lock file root's), or, with
 * the lock file its own, opened the store read-only and failed at its first write ({@code cannot open the outbox
 * ...: [SQLITE_READONLY] ...}): neither named the user, nor whose the file is. {@link StoreLock#take}, the first thing
 * a gateway, a demo and {@code orderly restore} do to a store, now says both, and what to do ({@link StoreAccess}).
 * Run as nobody (root is stopped by no mode; {@link AsAnotherUser}).
 */
class StoreAccessTest {
    private static final String PROBE = """
            public class Probe {
                public static void main(String[] args) {
                    try (var lock = org.orderly.gateway.store.StoreLock.take(java.nio.file.Path.of(args[0]))) {
                        System.out.println("locked");
                    } catch (RuntimeException e) {
                        System.out.println(e.getMessage().replace(System.getProperty("user.name"), "<user>"));
                    }
                }
            }
            """;

    @Test
    void aStoreFileThisUserMayNotWriteNamesTheUserTheFileAndItsOwner(@TempDir Path dir) throws Exception {
        Path data = writableByAll(dir.resolve("data"));
        Path store = Files.writeString(data.resolve("orderly.db"), "");
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("r--r--r--"));

        String said = probe(dir, store);

        assertThat(said).startsWith("cannot open store " + store + ": user <user>, who runs this, may not write " + store
                + " (r--r--r-- " + ownedBy(store) + "); ")
                .endsWith("give the store's files to user <user> (sudo chown <user>: " + store + "*), or run the gateway as"
                        + " their owner");
        if (AsAnotherUser.root()) {
            assertThat(said).contains("; a gateway run as root (sudo orderly run) leaves its files so; ");
        }
        assertThat(data.resolve("orderly.db.lock")).as("nothing made").doesNotExist();
    }

    @Test
    void aRootLockFileIsSaidSoNotAsPermissionDenied(@TempDir Path dir) throws Exception {
        Path data = writableByAll(dir.resolve("data"));
        Path lock = Files.writeString(data.resolve("orderly.db.lock"), "4711\n");
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("r--r--r--"));

        assertThat(probe(dir, data.resolve("orderly.db"))).contains(": user <user>, who runs this, may not write " + lock
                + " (r--r--r-- " + ownedBy(lock) + ")").doesNotContain("permission denied");
    }

    @Test
    void aStoreDirectoryThisUserMayNotWriteInIsSaidWithWhatToDo(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path store = data.resolve("orderly.db");

        assertThat(probe(dir, store)).isEqualTo("cannot open store " + store + ": user <user>, who runs this, may not"
                + " make files in " + data + " (r-xr-xr-x " + ownedBy(data) + "); give the store's directory to user"
                + " <user> (sudo chown <user>: " + data + "), or give store.path a directory that user may write");
    }

    @Test
    void aStoreDirectoryThisUserMayNotMakeIsSaidWithWhatToDo(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");

        assertThat(probe(dir, data.resolve("orderly.db"))).endsWith(": user <user>, who runs this, may not make " + data
                + " in " + dir + " (rwxr-xr-x " + ownedBy(dir) + "); make it for user <user> (sudo install -d -o <user> "
                + data + "), or give store.path a directory that user may write");
        assertThat(data).doesNotExist();
    }

    /**
     * The file the user's own, only its mode refusing: chmod, not a chown to the same user, which would change nothing
     * (until 2026-12-07 {@code sudo chown <user>: ...}).
     */
    @Test
    void aStoreFileOfThisUsersOwnIsToldToChmod(@TempDir Path dir) throws Exception {
        Path data = writableByAll(dir.resolve("data"));
        Path store = ownedByTheProbesUser(Files.writeString(data.resolve("orderly.db"), ""));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("r--r--r--"));

        assertThat(probe(dir, store)).isEqualTo("cannot open store " + store + ": user <user>, who runs this, may not write "
                + store + " (r--r--r-- " + ownedBy(store).replaceFirst("^[^:]*", "<user>")
                + "); it is that user's own, only its mode refuses: chmod u+w " + store);
    }

    /** The directory the user's own, only its mode refusing: chmod, not a chown to the same user. */
    @Test
    void aStoreDirectoryOfThisUsersOwnIsToldToChmod(@TempDir Path dir) throws Exception {
        Path data = ownedByTheProbesUser(Files.createDirectory(dir.resolve("data")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));

        assertThat(probe(dir, data.resolve("orderly.db"))).isEqualTo("cannot open store " + data.resolve("orderly.db")
                + ": user <user>, who runs this, may not make files in " + data + " (r-xr-xr-x "
                + ownedBy(data).replaceFirst("^[^:]*", "<user>") + "); it is that user's own, only its mode refuses: chmod u+wx " + data);
    }

    /** The probe's line for {@code store}, run by a user other than the directory's owner when this is root. */
    private static String probe(Path dir, Path store) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // for the other user to enter
        Path probe = Files.createDirectory(dir.resolve("probe"));
        return AsAnotherUser.run(probe, PROBE,
                AsAnotherUser.codeSourcesOf(List.of(StoreLock.class, Unwritable.class, LoggerFactory.class)),
                List.of(store.toString())).output().lines().filter(l -> !l.startsWith("SLF4J")).reduce("", String::concat);
    }

    /** {@code path} given to the user the probe runs as: nobody when this is root, else this user's already. */
    private static Path ownedByTheProbesUser(Path path) throws Exception {
        if (AsAnotherUser.root()) {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
        return path;
    }

    private static Path writableByAll(Path dir) throws Exception {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    private static String ownedBy(Path path) throws Exception {
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
        return a.owner().getName() + ":" + a.group().getName();
    }
}
