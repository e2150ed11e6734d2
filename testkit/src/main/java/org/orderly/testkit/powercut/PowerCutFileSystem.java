package org.orderly.testkit.powercut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The real files under a directory, and a disk that can lose power. It remembers what was forced to the disk
 * ({@link FileChannel#force}): a file's data when the file's channel was forced, a directory's names (new files and
 * directories, renames, removals) when a channel opened on the directory was forced. {@link #cut} rewrites the real
 * files as a power cut could leave them, at either of two extremes a real file system reaches (ext4 with delayed
 * allocation, XFS): the journal committed every change of names but no data that was not forced, or no change at all
 * that was not forced. In the second, a directory whose name was not forced into its parent is gone, and with it
 * everything in it, forced or not.
 *
 * <p>A force can be made to fail ({@link #fileForceFails}, {@link #directoryForceFails}). A file's failed force loses
 * what was written to it since its last force, as Linux may after reporting a write-back error (the pages are marked
 * clean and a later force succeeds without them): a later force puts on the disk the file without those bytes (a real
 * disk may hold zeros or old data in their place).
 *
 * <p>Not modelled: a truncation (the data forced last stays), a directory renamed, links. Code that writes through
 * {@link Path#toFile()} bypasses this file system: what it forces is not seen, so its files count as never forced.
 * A file or directory the file system was not told of (made through the real path) is left as it is, unless it is in
 * a directory that is gone.
 */
public final class PowerCutFileSystem extends FileSystem {
    /** How much of what was not forced the disk had written when the power went. */
    public enum Cut {
        /** Every new name, rename and removal reached the disk (the journal committed them); data not forced did not. */
        NAMES_KEPT,
        /** Nothing that was not forced reached the disk: neither a directory's changed names nor data. */
        NAMES_LOST
    }

    /** A file's identity, which a rename moves from one name to another. */
    private static final class Inode {
        Path at;
        /** The data as last forced; null when never (a power cut then leaves the file empty). */
        byte[] forced;
        /** The file's size at its last force, failed or not: what was written after it is not dealt with yet. */
        long dealtWith;
        /** Ranges {from, to} of the file that a failed force lost: no later force puts them on the disk. */
        final List<long[]> lost = new ArrayList<>();

        Inode(Path at, byte[] forced) {
            this.at = at;
            this.forced = forced;
            this.dealtWith = forced == null ? 0 : forced.length;
        }
    }

    private final FileSystem real = FileSystems.getDefault();
    private final PowerCutProvider provider = new PowerCutProvider(this);
    private final Path root;
    /** Each file's name now: its absolute real path. */
    private final Map<Path, Inode> names = new HashMap<>();
    /** Each directory's files as last forced. */
    private final Map<Path, Map<Path, Inode>> forcedNames = new HashMap<>();
    /** The directories under the root (and the root) now. */
    private final Set<Path> dirs = new HashSet<>();
    /** Each directory's directories as last forced. */
    private final Map<Path, Set<Path>> forcedDirs = new HashMap<>();
    /** Bytes the disk still takes; {@link Long#MAX_VALUE}: no limit. */
    private long room = Long.MAX_VALUE;
    private volatile boolean directoryForceFails;
    private volatile boolean fileForceFails;
    private int failedFileForces;

    private PowerCutFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The files under {@code dir}, all of them on the disk as they are now. */
    public static PowerCutFileSystem over(Path dir) throws IOException {
        PowerCutFileSystem fs = new PowerCutFileSystem(dir);
        fs.takeAllAsOnDisk();
        return fs;
    }

    /** {@code name} under the directory, as a path of this file system. */
    public Path path(String name) {
        return wrap(root.resolve(name));
    }

    /** From now on, until called with false, every write fails as on a full disk. */
    public synchronized void full(boolean full) {
        this.room = full ? 0 : Long.MAX_VALUE;
    }

    /**
     * From now on, until {@link #full} is called, the disk takes only {@code bytes} more: a write that needs more
     * writes what fits and returns its count (as write(2) does), and the next write fails as on a full disk.
     */
    public synchronized void roomFor(long bytes) {
        this.room = bytes;
    }

    private synchronized long take(long wanted) throws IOException {
        if (room == 0) {
            throw new IOException("No space left on device");
        }
        long fits = Math.min(wanted, room);
        if (room != Long.MAX_VALUE) {
            room -= fits;
        }
        return fits;
    }

    /**
     * From now on, until called with false, forcing a directory fails as on a disk that reports an I/O error; the
     * directory's names are then not put on the disk.
     */
    public void directoryForceFails(boolean fails) {
        this.directoryForceFails = fails;
    }

    /**
     * From now on, until called with false, forcing a file fails as on a disk that reports an I/O error, and what was
     * written to the file since its last force is lost to the disk (see the class comment).
     */
    public void fileForceFails(boolean fails) {
        this.fileForceFails = fails;
    }

    /** How many forces of a file have failed so far. */
    public synchronized int failedFileForces() {
        return failedFileForces;
    }

    /** The power goes: the real files become what the disk held by {@code cut}; then all of it is on the disk. */
    public synchronized void cut(Cut cut) throws IOException {
        Map<Path, Inode> after = new HashMap<>();
        Set<Path> dirsAfter = new HashSet<>();
        if (cut == Cut.NAMES_KEPT) {
            after.putAll(names);
            dirsAfter.addAll(dirs);
        } else {
            dirsAfter.add(root);
            forcedDirs.values().forEach(dirsAfter::addAll);
            dirsAfter.removeIf(d -> !d.startsWith(root) || !onDisk(d));
            forcedNames.forEach((dir, files) -> {
                if (!dir.startsWith(root) || dirsAfter.contains(dir)) {
                    after.putAll(files);
                }
            });
        }
        Set<Path> touched = new HashSet<>(names.keySet());
        touched.addAll(after.keySet());
        for (Path p : touched) {
            Files.deleteIfExists(p);
        }
        for (Path gone : dirs.stream().filter(d -> !dirsAfter.contains(d)).sorted(Comparator.reverseOrder()).toList()) {
            deleteTree(gone);
        }
        for (Path back : dirsAfter.stream().sorted().toList()) {
            Files.createDirectories(back);
        }
        for (Map.Entry<Path, Inode> e : after.entrySet()) {
            byte[] forced = e.getValue().forced;
            Files.write(e.getKey(), forced == null ? new byte[0] : forced);
        }
        takeAllAsOnDisk();
    }

    /** Whether the directory's name, and its parents', were forced: the root always is. */
    private boolean onDisk(Path dir) {
        for (Path d = dir; !d.equals(root); d = d.getParent()) {
            if (!forcedDirs.getOrDefault(d.getParent(), Set.of()).contains(d)) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private synchronized void takeAllAsOnDisk() throws IOException {
        names.clear();
        forcedNames.clear();
        dirs.clear();
        forcedDirs.clear();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    forcedNames.put(p, new HashMap<>());
                    forcedDirs.put(p, new HashSet<>());
                    dirs.add(p);
                }
            }
        }
        for (Path dir : dirs) {
            if (!dir.equals(root)) {
                forcedDirs.get(dir.getParent()).add(dir);
            }
        }
        for (Path dir : List.copyOf(forcedNames.keySet())) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    Inode inode = new Inode(p, Files.readAllBytes(p));
                    names.put(p, inode);
                    forcedNames.get(dir).put(p, inode);
                }
            }
        }
    }

    Path wrap(Path realPath) {
        return new PowerCutPath(this, realPath);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** The file at {@code p}; one not seen before is taken as on the disk. */
    private Inode inodeAt(Path p) throws IOException {
        Inode inode = names.get(p);
        if (inode == null) {
            inode = new Inode(p, Files.readAllBytes(p));
            names.put(p, inode);
            forcedNames.computeIfAbsent(p.getParent(), d -> new HashMap<>()).put(p, inode);
        }
        return inode;
    }

    synchronized FileChannel open(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path p = key(path);
        boolean existed = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = FileChannel.open(p, options, attrs);
        if (Files.isDirectory(p)) {
            return new ForcedChannel(channel, () -> {
                if (directoryForceFails) {
                    throw new IOException("Input/output error");
                }
                forceNames(p);
            }, this::take);
        }
        Inode inode = existed ? inodeAt(p) : new Inode(p, null);
        names.put(p, inode);
        return new ForcedChannel(channel, () -> forceData(inode), this::take);
    }

    private synchronized void forceData(Inode inode) throws IOException {
        byte[] now = Files.readAllBytes(inode.at);
        if (fileForceFails) {
            if (now.length > inode.dealtWith) {
                inode.lost.add(new long[] {inode.dealtWith, now.length});
            }
            inode.dealtWith = now.length;
            failedFileForces++;
            throw new IOException("Input/output error");
        }
        inode.forced = withoutLost(now, inode.lost);
        inode.dealtWith = now.length;
    }

    private static byte[] withoutLost(byte[] data, List<long[]> lost) {
        if (lost.isEmpty()) {
            return data;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(data.length);
        int from = 0;
        for (long[] range : lost) { // in the file's order: each begins where the file stood at the force before
            int start = (int) Math.min(range[0], data.length);
            if (start > from) {
                kept.write(data, from, start - from);
            }
            from = Math.max(from, (int) Math.min(range[1], data.length));
        }
        kept.write(data, from, data.length - from);
        return kept.toByteArray();
    }

    private synchronized void forceNames(Path dir) {
        forcedNames.put(dir, names.entrySet().stream().filter(e -> dir.equals(e.getKey().getParent()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        forcedDirs.put(dir, dirs.stream().filter(d -> dir.equals(d.getParent())).collect(Collectors.toSet()));
    }

    /** A new directory: empty on the disk, and its name in its parent only once the parent is forced. */
    synchronized void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Path p = key(dir);
        Files.createDirectory(p, attrs);
        forcedNames.put(p, new HashMap<>());
        forcedDirs.put(p, new HashSet<>());
        if (p.startsWith(root)) {
            dirs.add(p);
        }
    }

    synchronized void delete(Path path) throws IOException {
        Path p = key(path);
        boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        Files.delete(p);
        if (dir) {
            dirs.remove(p);
        } else {
            names.remove(p);
        }
    }

    synchronized void copy(Path source, Path target, CopyOption... options) throws IOException {
        Path t = key(target);
        Files.copy(key(source), t, options);
        if (Files.isRegularFile(t)) {
            names.put(t, new Inode(t, null));
        }
    }

    synchronized void move(Path source, Path target, CopyOption... options) throws IOException {
        Path s = key(source);
        Path t = key(target);
        Inode moved = Files.isRegularFile(s, LinkOption.NOFOLLOW_LINKS) ? inodeAt(s) : null;
        if (moved != null && Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
            inodeAt(t);  // the file replaced was on the disk under that name, if not seen before
        }
        Files.move(s, t, options);
        if (moved != null) {
            names.remove(s);
            names.put(t, moved);
            moved.at = t;
        }
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return StreamSupport.stream(real.getRootDirectories().spliterator(), false).map(this::wrap).toList();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = real.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(PowerCutPath.real(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public java.nio.file.WatchService newWatchService() {
        throw new UnsupportedOperationException("no watching on a power-cut file system");
    }
}
