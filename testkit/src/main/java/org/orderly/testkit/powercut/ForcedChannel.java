package org.orderly.testkit.powercut;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A real file's channel that tells the {@link PowerCutFileSystem} when it is forced, and may find the disk full. */
final class ForcedChannel extends FileChannel {
    /** What forcing puts on the disk. */
    interface OnForce {
        void forced() throws IOException;
    }

    /** The disk's free space. */
    interface Room {
        /** How many of {@code wanted} bytes fit (at least one); fails as a full disk does when none does. */
        long take(long wanted) throws IOException;
    }

    private final FileChannel real;
    private final OnForce onForce;
    private final Room room;

    ForcedChannel(FileChannel real, OnForce onForce, Room room) {
        this.real = real;
        this.onForce = onForce;
        this.room = room;
    }

    private void room() throws IOException {
        room.take(1);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        real.force(metaData);
        onForce.forced();
    }

    /** Writes what fits, as write(2) does on a disk that fills up during the write; the next write then fails. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        long fits = room.take(src.remaining());
        if (fits >= src.remaining()) {
            return real.write(src);
        }
        ByteBuffer part = src.slice();
        part.limit((int) fits);
        int written = real.write(part);
        src.position(src.position() + written);
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        room();
        return real.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        room();
        return real.write(src, position);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        room();
        return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("no mapping on a power-cut file system");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
