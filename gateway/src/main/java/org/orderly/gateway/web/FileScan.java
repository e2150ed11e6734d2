package org.orderly.gateway.web;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Files the page reads again when they change, looked at by Jetty's {@link Scanner} (as its {@code KeyStoreScanner}
 * does) every so many seconds on a thread of its own, started and stopped with this: a change is reported once it has
 * settled (the same size and time at two scans in a row), so a file is not read half written. Used by
 * {@link CertificateReload} and {@link TokenReload}.
 */
final class FileScan extends ContainerLifeCycle {
    /**
     * @param thread   the scanning thread's name
     * @param seconds  between scans
     * @param files    the files; a change to any is reported to {@code listener}
     * @param listener a {@link Scanner.BulkListener}, and a {@link Scanner.ScanCycleListener} if it is one
     * @throws IOException when a file's directory cannot be resolved (it was just read, so hardly ever)
     */
    FileScan(String thread, int seconds, List<Path> files, Scanner.Listener listener) throws IOException {
        // Its own scheduler, stopped with this: Jetty 12.1's Scanner.doStop leaves the one it makes itself running.
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(thread, true, 1);
        addBean(scheduler, true);
        // Not following links when naming what it scans (as KeyStoreScanner): certbot renews by pointing the links
        // it was given at new files, which shows as the link's target changing size and time (a link pointed at a
        // file of the very same size and modification time as the old one would not be seen; renewals are weeks apart).
        Scanner scanner = new Scanner(scheduler, false);
        scanner.setScanInterval(seconds);
        scanner.setScanDepth(1);
        scanner.setReportDirs(false);
        scanner.setReportExistingFilesOnStartup(false);
        List<Path> scanned = new ArrayList<>();
        for (Path file : files) {
            scanned.add(scanned(file));
        }
        PathMatcher theFiles = scanned::contains;
        // The directories, not the files: Scanner.addFile would watch what the link points at today.
        for (Path file : scanned) {
            scanner.addDirectory(file.getParent()).include(theFiles);
        }
        scanner.addListener(listener);
        addBean(scanner, true);
    }

    /** The path by which the scanner names {@code file}: in its directory's real path, the file name kept. */
    private static Path scanned(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    }

    /** What is wrong with a file that could not be read, in a few words (a missing file's exception says its name). */
    static String why(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " is missing";
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + " cannot be read (permissions)";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
