package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.orderly.gateway.app.config.GatewayConfig;

/**
 * Selftest's broker check ({@link UpstreamCheck}) on a thread of its own, beside the meters' and piles' reads, its line
 * printed as soon as the broker has answered (or its wait is over): a pile that does not answer waits {@code --wait-s},
 * and the broker's line is not held back behind it.
 */
final class UpstreamAsked {
    private final CompletableFuture<UpstreamCheck.Line> line;

    private UpstreamAsked(CompletableFuture<UpstreamCheck.Line> line) {
        this.line = line;
    }

    /** Asks the broker of {@code c} now, waiting up to {@code wait} for it; its line goes to {@code out} once known. */
    static UpstreamAsked start(GatewayConfig c, Duration wait, PrintWriter out) {
        CompletableFuture<UpstreamCheck.Line> line = new CompletableFuture<>();
        Thread asking = new Thread(() -> {
            try {
                UpstreamCheck.Line known = UpstreamCheck.of(c, wait);
                out.println(known.text());
                out.flush();
                line.complete(known);
            } catch (InterruptedException e) {
                line.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                line.completeExceptionally(e);
                throw e;
            }
        }, "selftest-upstream");
        // The command ends with its table; a check left waiting (an exception in the reads) does not hold the JVM.
        asking.setDaemon(true);
        asking.start();
        return new UpstreamAsked(line);
    }

    /** The line, once printed; what the check threw, thrown here. */
    UpstreamCheck.Line await() throws InterruptedException {
        try {
            return line.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("selftest's broker check failed: " + e.getCause(), e.getCause());
        }
    }
}
