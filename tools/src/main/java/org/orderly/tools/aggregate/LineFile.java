package org.orderly.tools.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only text file of whole lines. Each line goes out in one append of its complete bytes (O_APPEND, so
 * nothing is interleaved with another writer's line), and a line that fails is taken back; if a crash cut the last
 * line short, opening the file drops that fragment (with a warning) so a reader never meets half a row. A durable
 * file's name is forced into its directory when the file is made, and directories made for it into theirs, so a
 * power cut cannot take the file.
 *
 * <p>Rotation is logrotate's way: the file is renamed (or removed) and the program goes on in a new file at the same
 * path. Each {@link #force} (and {@link #reopenIfMoved}) looks whether the path still names the open file; if not, it
 * makes the new file, switches to it, and forces and closes the old one, so a line written to the old file after the
 * rename is on the disk there before the force returns. Each line is in exactly one of the two files.
 */
public final class LineFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineFile.class);

    /** When the lines reach the disk. */
    public enum Durability {
        /** Each line is forced before {@link #append} returns; the file's name when the file is made. */
        EACH_LINE,
        /**
         * The lines appended so far are on the disk once {@link #force} returns, so that one force can cover many
         * lines (group commit); the file's name is forced when the file is made.
         */
        ON_FORCE,
        /** Left to the operating system, unless {@link #force} is called: for a file whose caller forces it. */
        NONE
    }

    private final Path path;
    private final String header;
    private final Durability durability;
    /** Held by a force and by a switch to a new file, so that no force returns while the old file is not forced. */
    private final Object forceLock = new Object();
    /** Changed only under both this and {@link #forceLock}. */
    private volatile FileChannel channel;
    /** The identity (device and inode) of the open file when it was opened; null where the platform has none. */
    private Object fileKey;
    /** Whether making a new file after a rotation failed last time: said once, not at every force. */
    private boolean reopenFailing;
    /** Where the file ends whole while a failed line could not be taken back after it; -1 while it ends whole. */
    private long wholeUpTo = -1;

    /**
     * @param header written first when the file is new or empty; null for none. A file that begins with another
     *               header (another version's columns) is refused and left as it was
     */
    public LineFile(Path path, String header, Durability durability) throws IOException {
        this.path = path;
        this.header = header;
        this.durability = durability;
        this.channel = open(false);
        this.fileKey = fileKeyAt(path);
    }

    /**
     * Opens the file at the path for appending, making it (and its directories) if need be, with the header if it is
     * empty. The directory is forced when the file is made, or always when {@code rotated}: the rename that moved the
     * old file away is then on the disk too, if it stayed in the directory.
     */
    private FileChannel open(boolean rotated) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Directories.create(dir);
        boolean made = !Files.exists(path);
        checkHeader(path, header);
        dropPartialLastLine(path);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            if (header != null && ch.size() == 0) {
                write(ch, header);
                if (durability == Durability.EACH_LINE) {
                    ch.force(false);
                }
            }
            if (durability != Durability.NONE && (made || rotated)) {
                Directories.force(dir);
            }
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return ch;
    }

    private static void write(FileChannel ch, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
    }

    /**
     * Appends the line whole, or not at all: a line that fails (a disk that fills up during the write, or, for
     * {@link Durability#EACH_LINE}, a force that fails) is taken back, so that the next line does not follow a
     * fragment and a line written again is in the file once.
     */
    public synchronized void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(path + ": a line must not contain a newline");
        }
        if (wholeUpTo >= 0) {
            channel.truncate(wholeUpTo);
            wholeUpTo = -1;
        }
        long before = channel.size();
        try {
            write(channel, line);
            if (durability == Durability.EACH_LINE) {
                channel.force(false);
            }
        } catch (IOException e) {
            try {
                channel.truncate(before);
            } catch (IOException notTakenBack) {
                e.addSuppressed(notTakenBack);
                wholeUpTo = before;
            }
            throw e;
        }
    }

    /**
     * Puts every line appended before this call on the disk, then goes on in a new file if the file was moved away
     * ({@link #reopenIfMoved}). Not synchronized with {@link #append}, so that lines can be appended while the disk is
     * busy with a force: those belong to the next one.
     */
    public void force() throws IOException {
        synchronized (forceLock) {
            channel.force(false);
            followIfMoved();
        }
    }

    /**
     * If the path no longer names the open file (renamed or removed, as logrotate does), goes on in a new file there
     * (or in the one logrotate's {@code create} made), and forces and closes the old one. When no file can be made
     * there, an ERROR says so once and the lines go on to the old file.
     *
     * @throws IOException when forcing the old file failed: lines written to it may be lost
     */
    public void reopenIfMoved() throws IOException {
        synchronized (forceLock) {
            followIfMoved();
        }
    }

    private void followIfMoved() throws IOException {
        if (!moved()) {
            return;
        }
        FileChannel fresh;
        try {
            fresh = open(true);
        } catch (IOException e) {
            if (!reopenFailing) {
                LOG.error("{}: the file was moved away, but no new file can be made there ({}); the lines go on to the"
                        + " moved file, and a new one is tried again at each force and every second", path,
                        e.toString());
                reopenFailing = true;
            }
            return;
        }
        reopenFailing = false;
        FileChannel old;
        synchronized (this) {
            old = channel;
            channel = fresh;
            if (wholeUpTo >= 0) {
                try {
                    old.truncate(wholeUpTo);
                } catch (IOException notTakenBack) {
                    LOG.warn("{}: the moved file keeps a line cut short by a failed write at {} bytes", path,
                            wholeUpTo);
                }
                wholeUpTo = -1;
            }
        }
        fileKey = fileKeyAt(path);
        try {
            old.force(false); // the lines appended to it since the last force
        } finally {
            old.close();
        }
        LOG.info("{}: the file was moved away; the lines go on in a new file there", path);
    }

    /** Whether the path names no file, or another file than the one open (a platform without file keys: never). */
    private boolean moved() {
        Object now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return true;
        }
        return fileKey != null && now != null && !now.equals(fileKey);
    }

    /** The identity of the file at the path; null when the platform gives none or it is gone already. */
    private static Object fileKeyAt(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Lines in other columns must not follow an old header; a first line cut short by a crash is dropped later. */
    private static void checkHeader(Path path, String header) throws IOException {
        if (header == null || !Files.exists(path)) {
            return;
        }
        byte[] want = (header + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] got = new byte[want.length];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(got, 0, got.length);
        }
        if (n == want.length && Arrays.equals(got, want)) {
            return;
        }
        boolean unfinished = n == Files.size(path);
        for (int i = 0; i < n && unfinished; i++) {
            unfinished = got[i] != '\n';
        }
        if (!unfinished) {
            throw new IOException(path + ": its first line is not the header of the columns this version writes ("
                    + header + "); move it away or give another file");
        }
    }

    private static void dropPartialLastLine(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                LOG.warn("{}: dropping an unfinished last line of {} bytes (left by an interrupted write)", path,
                        size - keep);
                ch.truncate(keep);
            }
        }
    }
}
