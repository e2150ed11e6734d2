package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.store.StoreLock;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.BrokerCheck;

/**
 * Selftest's line on the upstream broker: one connection made as the gateway makes it ({@link BrokerCheck}), so a
 * wrong address, a refused certificate or a wrong login shows at commissioning rather than later in the running
 * gateway's log. Skipped without an {@code upstream:} section, and while a gateway runs on the configuration: a second
 * connection with its client id would throw it off the broker, which would then publish its will ({@code offline},
 * retained) to the grid side; the store's lock is held (shared) through the connection, so none starts meanwhile.
 */
final class UpstreamCheck {
    /** What the line says: PASS, FAIL or SKIP, and why. */
    enum Result { PASS, FAIL, SKIP }

    /** The line, e.g. {@code upstream ssl://broker:8883: PASS: connected as gw-1 ...}. */
    record Line(Result result, String text) {
    }

    private UpstreamCheck() {
    }

    static Line of(GatewayConfig c, Duration wait) throws InterruptedException {
        if (c.upstream().isEmpty()) {
            return new Line(Result.SKIP, "upstream: SKIP: no upstream section, the gateway runs without a broker");
        }
        UpstreamSettings settings = c.upstream().get();
        String named = "upstream " + settings.broker() + ": ";
        Path store = c.store().path();
        // The shared lock is held through the connection: a gateway starting meanwhile is refused once (systemd starts
        // it again) rather than thrown off the broker by this connection as its client id, its will published.
        try (StoreLock.Probe probe = StoreLock.probe(store)) {
            if (probe.holder().isPresent()) {
                return new Line(Result.SKIP, named + "SKIP: a gateway runs on this configuration (" + probe.holder().get()
                        + ", holding its store " + store + ") and holds the connection as " + settings.clientId()
                        + "; its log says whether it connects (upstream: connected to ...); to check from here, stop it "
                        + "(systemctl stop orderly)");
            }
            BrokerCheck.Outcome outcome = BrokerCheck.connectOnce(settings, new Topics(c.gatewayId()).commands(), wait);
            return new Line(outcome.passed() ? Result.PASS : Result.FAIL,
                    named + (outcome.passed() ? "PASS: " : "FAIL: ") + outcome.detail());
        } catch (IOException e) {
            return new Line(Result.SKIP, named + "SKIP: whether a gateway runs on this configuration is not known (its "
                    + "store's lock " + StoreLock.fileOf(store) + " cannot be read: " + e.getMessage() + "), and one that "
                    + "runs would be thrown off the broker by a second connection as " + settings.clientId());
        }
    }
}
