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

    /** Whether the disk is full now. */
    interface Full {
        boolean now();
    }

    private final FileChannel real;
    private final OnForce onForce;
    private final Full full;

    ForcedChannel(FileChannel real, OnForce onForce, Full full) {
        this.real = real;
        this.onForce = onForce;
        this.full = full;
    }

    private void room() throws IOException {
        if (full.now()) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public void force(boolean metaData) throws IOException {
        real.force(metaData);
        onForce.forced();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        room();
        return real.write(src);
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
