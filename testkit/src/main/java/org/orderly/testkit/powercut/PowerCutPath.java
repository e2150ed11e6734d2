package org.orderly.testkit.powercut;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** A path of a {@link PowerCutFileSystem}: the real path it stands for, so that files go through that file system. */
final class PowerCutPath implements Path {
    private final PowerCutFileSystem fs;
    final Path real;

    PowerCutPath(PowerCutFileSystem fs, Path real) {
        this.fs = fs;
        this.real = real;
    }

    static Path real(Path p) {
        if (p instanceof PowerCutPath w) {
            return w.real;
        }
        throw new ProviderMismatchException("not a power-cut path: " + p);
    }

    private Path wrap(Path p) {
        return p == null ? null : new PowerCutPath(fs, p);
    }

    @Override
    public PowerCutFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return real.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(real.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(real.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(real.getParent());
    }

    @Override
    public int getNameCount() {
        return real.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(real.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(real.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof PowerCutPath w && real.startsWith(w.real);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof PowerCutPath w && real.endsWith(w.real);
    }

    @Override
    public Path normalize() {
        return wrap(real.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(real.resolve(real(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(real.relativize(real(other)));
    }

    @Override
    public URI toUri() {
        return real.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(real.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(real.toRealPath(options));
    }

    /** The real file: code that writes through it bypasses the file system, and its forcing is not seen. */
    @Override
    public File toFile() {
        return real.toFile();
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no watching on a power-cut file system");
    }

    @Override
    public int compareTo(Path other) {
        return real.compareTo(real(other));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerCutPath w && w.fs == fs && w.real.equals(real);
    }

    @Override
    public int hashCode() {
        return real.hashCode();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
