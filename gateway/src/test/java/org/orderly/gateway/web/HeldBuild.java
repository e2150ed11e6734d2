package org.orderly.gateway.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.web.view.Overview;

/**
 * A feed's overview builder whose first build is held until the test lets it end (or the feed's thread is interrupted),
 * so that what the feed is given meanwhile waits for its thread. Every build is {@link MadeOverview}'s.
 */
final class HeldBuild implements Supplier<Overview> {
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final CountDownLatch begun = new CountDownLatch(1);
    private final CountDownLatch ends = new CountDownLatch(1);

    @Override
    public Overview get() {
        if (first.getAndSet(false)) {
            begun.countDown();
            try {
                ends.await();
            } catch (InterruptedException e) {
                // The feed closing (shutdownNow): the build ends as it would have.
                Thread.currentThread().interrupt();
            }
        }
        return MadeOverview.of(3, ControlMode.NORMAL);
    }

    /** Waits until the first build has begun on the feed's thread. */
    void awaitBegun() throws InterruptedException {
        if (!begun.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the feed's first build did not begin within 20 s");
        }
    }

    /** Lets the first build end. */
    void end() {
        ends.countDown();
    }
}
