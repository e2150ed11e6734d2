package org.orderly.gateway.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.web.view.Overview;

/**
 * The page's {@code GET /healthz}: whether the gateway does its work now, or the first reason it does not, in one
 * line. It does when its control loop completed a cycle within its stall bound ({@link ControlLoop#overdueAfter}, as
 * the service manager's watchdog judges), in the normal mode (not conservative for want of a fresh transformer
 * reading, nor without plans for a clock not set), and its store commits what it is given. The mode is the one the
 * page's latest overview shows ({@link ShownMode}), which {@code /metrics} reads too: a health check and a scrape
 * taken together say the same mode unless the page built its next overview between them.
 */
final class Health {
    private final ControlLoop loop;
    private final Store store;
    private final Supplier<List<FailureShare>> failingMeters;
    private final Supplier<Overview> overviews;

    /**
     * @param failingMeters the meters whose polls fail too often now, named in a conservative mode's line
     * @param overviews     the page's latest overview, whose mode is said ({@link GatewayMetrics} reads the same)
     */
    Health(ControlLoop loop, Store store, Supplier<List<FailureShare>> failingMeters, Supplier<Overview> overviews) {
        this.loop = loop;
        this.store = store;
        this.failingMeters = failingMeters;
        this.overviews = overviews;
    }

    /** Empty when healthy; else why not, e.g. {@code control loop: no cycle for 42 s (stalled after 10 s)}. */
    Optional<String> problem() {
        Optional<Duration> age = loop.sinceLastCycle();
        Duration bound = loop.overdueAfter();
        if (age.isEmpty()) {
            return Optional.of("control loop: no cycle completed yet");
        }
        if (age.get().compareTo(bound) > 0) {
            return Optional.of("control loop: no cycle for " + age.get().toSeconds() + " s (stalled after "
                    + bound.toSeconds() + " s)");
        }
        Optional<String> damaged = store.damaged();
        if (damaged.isPresent()) {
            return Optional.of("store: damaged (" + damaged.get() + "); its writes fail");
        }
        Optional<String> refused = store.writesRefused();
        if (refused.isPresent()) {
            return Optional.of("store: writes refused (" + refused.get() + ")");
        }
        ControlMode mode = ShownMode.of(overviews.get()).orElse(null);
        if (mode == ControlMode.CONSERVATIVE) {
            StringBuilder line = new StringBuilder("control: conservative, no fresh transformer reading");
            for (FailureShare f : failingMeters.get()) {
                line.append("; meter ").append(f.meterId()).append(": ").append(f.failed()).append(" of ")
                        .append(f.polls()).append(" polls failed");
            }
            return Optional.of(line.toString());
        }
        if (mode == ControlMode.CLOCK_NOT_SET) {
            return Optional.of("control: the clock is not set; charging goes without plans");
        }
        return Optional.empty();
    }
}
