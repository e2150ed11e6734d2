package org.orderly.gateway.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Scanner;

/** Drives a server's {@link FileScan}s, so a test need not wait for their period. */
final class FileScans {
    private FileScans() {
    }

    /**
     * Two scans by each file scanner {@code server} has, one after the other on its own thread: a change is reported
     * once a scan finds the file as the scan before it did (not still being written).
     */
    static void settle(Server server) throws Exception {
        for (Scanner scanner : server.getContainedBeans(Scanner.class)) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            scanner.scan(Callback.from(() -> scanner.scan(Callback.from(() -> done.complete(null),
                    done::completeExceptionally)), done::completeExceptionally));
            done.get(10, TimeUnit.SECONDS);
        }
    }
}
