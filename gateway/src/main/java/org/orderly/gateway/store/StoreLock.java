package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway per store (docs/operations.md, "One gateway per store"): an advisory lock on {@code orderly.db.lock}
 * beside the store, taken before the store is opened or a pile leased, held until the gateway has closed its store.
 * The kernel releases it when the process ends however it ends (kill -9, a crash), so a stale lock never keeps a
 * gateway from starting. The file holds the holder's pid, for the refusal's line; it is left in place, as deleting it
 * would let a starting gateway lock a file another is about to replace. A command that must not overlap a gateway
 * ({@link #probe}) holds the lock shared and writes no pid: a gateway it refuses is told so, not the file's old pid.
 *
 * <p>Linux's lock belongs to the process: a second lock of the file in the same JVM would throw, and closing any
 * other channel on it would drop the lock. So the stores locked in this JVM are kept here by their real path, and a
 * second gateway in the same JVM (the demo, Kura, tests) is refused the same way without touching the file.
 */
public final class StoreLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path file, Path key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code store}: {@code orderly.db.lock} beside {@code orderly.db}. */
    public static Path fileOf(Path store) {
        return store.resolveSibling(store.getFileName() + ".lock");
    }

    /**
     * Locks {@code store} for this gateway, making its directory if need be; throws a {@link StoreException} naming the
     * store and the holder when another gateway, in this process or another, or a command ({@link #probe}) holds it, or
     * when the lock file cannot be made (the store could not be opened there either), or this user may not write the
     * store's files ({@link StoreAccess}).
     */
    public static StoreLock take(Path store) {
        return take(store, new Refusal("one gateway per store: stop that one first (systemctl stop orderly), or give this"
                + " one a store.path of its own", "start this gateway again once that has ended (under systemd it"
                + " restarts by itself)"));
    }

    /**
     * What a refused taker is told to do: {@code gatewayHolds} when another gateway holds the store (its lock is
     * exclusive), {@code commandHolds} when only commands do ({@link #probe}'s shared lock: selftest while it connects
     * to the broker, for a few seconds).
     */
    public record Refusal(String gatewayHolds, String commandHolds) {
    }

    /** {@link #take(Path)}, {@code whatToDo} said when another gateway or a command holds the store. */
    public static StoreLock take(Path store, Refusal whatToDo) {
        StoreAccess.check(store);
        Path file = fileOf(store);
        long self = ProcessHandle.current().pid();
        Path key;
        try {
            Path dir = Directories.create(file.toAbsolutePath().getParent());
            key = dir.toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            throw new StoreException("cannot lock store " + store + " (" + file + "): " + why(e), e);
        }
        if (!HELD.add(key)) {
            throw inUse(store, "pid " + self + ", this process", whatToDo);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                StoreException refused = refusal(store, channel, whatToDo);
                channel.close();
                HELD.remove(key);
                throw refused;
            }
            StoreLock taken = new StoreLock(file, key, channel, lock);
            taken.writePid(self);
            return taken;
        } catch (IOException | OverlappingFileLockException e) {
            HELD.remove(key);
            StoreException failed = new StoreException("cannot lock store " + store + " (" + file + "): "
                    + (e instanceof IOException io ? why(io) : e.toString()), e);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    failed.addSuppressed(closing);
                }
            }
            throw failed;
        }
    }

    /**
     * The gateway holding {@code store}, as the refusal names it ({@code pid 4711}), if one does: for a command that
     * changes what a running gateway drives (orderly pile set) and must say so. Empty when no lock file is there or
     * nothing holds it. It tries a shared lock, which conflicts with a gateway's, and drops it at once; a gateway
     * starting in that instant is refused once, as by any second gateway, and systemd starts it again. The stores
     * this JVM holds are answered from {@link #HELD}: closing another channel on the file would drop their lock.
     *
     * @throws IOException when the lock file is there but cannot be read (a user not in the service's group)
     */
    public static Optional<String> holder(Path store) throws IOException {
        try (Probe probe = probe(store)) {
            return probe.holder();
        }
    }

    /**
     * {@link #holder(Path)}, the shared lock kept until the probe is closed when no gateway holds the store: for a
     * command that must not overlap a gateway's run at all (selftest's connection as the gateway's client id). A
     * gateway starting meanwhile is refused once, and systemd starts it again. With no lock file no gateway has run on
     * the store yet, and nothing is held (making the file as another user would keep the service's gateway out).
     *
     * @throws IOException when the lock file is there but cannot be read (a user not in the service's group)
     */
    public static Probe probe(Path store) throws IOException {
        Path file = fileOf(store);
        if (!Files.exists(file)) {
            return new Probe(Optional.empty(), null);
        }
        Path key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
        if (HELD.contains(key)) {
            return new Probe(Optional.of("pid " + ProcessHandle.current().pid() + ", this process"), null);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (channel.tryLock(0, Long.MAX_VALUE, true) == null) {
                String holder = holder(channel);
                channel.close();
                return new Probe(Optional.of(holder), null);
            }
            return new Probe(Optional.empty(), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What {@link #probe(Path)} found; closing it drops the shared lock it holds (closing its channel). */
    public static final class Probe implements AutoCloseable {
        private final Optional<String> holder;
        private final FileChannel shared;

        private Probe(Optional<String> holder, FileChannel shared) {
            this.holder = holder;
            this.shared = shared;
        }

        /** The gateway holding the store, as the refusal names it; empty when none did. */
        public Optional<String> holder() {
            return holder;
        }

        @Override
        public void close() throws IOException {
            if (shared != null) {
                shared.close();
            }
        }
    }

    /**
     * What the system said, without Java's class name (an operator read {@code java.nio.file.FileSystemException: F:
     * Read-only file system}), and for a file system that takes no writes what to do: the kernel remounts a card's
     * file system read-only after I/O errors, and under systemd the gateway fails so every 5 s until it is fixed.
     */
    private static String why(IOException e) {
        if (!(e instanceof FileSystemException fs)) {
            return String.valueOf(e.getMessage());
        }
        String reason = fs.getReason() != null ? fs.getReason()
                : e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
        if (reason.toLowerCase(Locale.ROOT).contains("read-only")) {
            return reason + "; the store's directory takes no writes: is its file system mounted read-only (mount;"
                    + " after I/O errors the kernel does so, dmesg says why)? make it writable, or give store.path a"
                    + " directory that is";
        }
        return reason;
    }

    private static StoreException inUse(Path store, String holder, Refusal whatToDo) {
        return new StoreException("store " + store + " is in use by another gateway (" + holder + "); "
                + whatToDo.gatewayHolds(), null);
    }

    /**
     * Why {@code channel}'s exclusive lock was refused. A shared lock it can take means only commands hold the store
     * ({@link #probe}): they write no pid, so the file's is an earlier gateway's, gone or, reused, another program's
     * (until 2026-12-07 that pid was named as a gateway's to stop). The shared lock goes with the channel's closing.
     * A gateway that ends between the two tries is taken for a command: that refusal's advice, start again, holds too.
     */
    private static StoreException refusal(Path store, FileChannel channel, Refusal whatToDo) throws IOException {
        if (channel.tryLock(0, Long.MAX_VALUE, true) == null) {
            return inUse(store, holder(channel), whatToDo);
        }
        return new StoreException("store " + store + " is held for a moment by another command, not a gateway (such as"
                + " orderly selftest, while it connects to the broker); " + whatToDo.commandHolds(), null);
    }

    /** The pid the holder wrote, read through the refused channel (closing another one would drop our own locks). */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        channel.read(b, 0);
        String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d+") ? "pid " + pid : "pid unknown";
    }

    /**
     * Over the old pid, then cut to it: writing within the file's old length needs no new block, so a restart on a full
     * disk still names itself. A pid not written only leaves the refusal's line without it.
     */
    private void writePid(long pid) {
        byte[] text = (pid + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            channel.write(ByteBuffer.wrap(text), 0);
            channel.truncate(text.length);
        } catch (IOException e) {
            LOG.warn("store lock {}: this gateway's pid {} could not be written ({}); a second gateway is refused all"
                    + " the same, without the pid", file, pid, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("store lock {}: closing it failed ({}); the process's end releases it", file, e.getMessage());
        } finally {
            HELD.remove(key);
        }
    }
}
