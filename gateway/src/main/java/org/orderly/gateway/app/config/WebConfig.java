package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The property manager's page: the address it binds (the gateway's LAN address, or loopback), its port (0 picks a
 * free one, for tests), how long a sign-in lasts, and the file holding the accounts (salted PBKDF2 hashes only).
 * With no installer account in that file the page starts in setup mode and logs a one-time setup link. Requests from
 * a trusted proxy (its address, as {@link IpLiteral} writes it) are counted against the sign-in throttle by the client
 * address the proxy forwards. With {@code tls} the page is served over HTTPS only. With {@code hosts} (names in
 * lower case, without a trailing dot) the page answers only requests for an IP address, localhost, {@code bind} or one
 * of those names, so that a page under another name (DNS rebinding) gets nothing; empty, it answers every name.
 * {@code overloadHold} is the time the control has to bring a load back under its limit before the page calls it an
 * overload ({@link org.orderly.gateway.web.alarm.OverloadHysteresis}). {@code metrics} says who may read
 * {@code /metrics} and {@code /healthz} ({@link MetricsAccess}); {@code metricsTokenFile}, the file holding the bearer
 * token they need, is there with {@link MetricsAccess#TOKEN} and only then. {@code idleTimeout} is how long a
 * connection may bring nothing before it is closed (a request body stalled that long is refused 408).
 */
public record WebConfig(String bind, int port, Duration sessionLifetime, Path usersFile, Set<String> trustedProxies,
                        Optional<WebTls> tls, Set<String> hosts, Duration overloadHold,
                        MetricsAccess metrics, Optional<Path> metricsTokenFile, Duration idleTimeout) {
    /** {@code overloadHoldS}'s default: a cycle, a car's 5 s to follow a cut, and its report back. */
    public static final Duration DEFAULT_OVERLOAD_HOLD = Duration.ofSeconds(10);
    /** {@code idleTimeoutS}'s default, Jetty's own (an open answer, the live stream, is not cut by it: PeerLimits). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public WebConfig {
        trustedProxies = Set.copyOf(trustedProxies);
        hosts = Set.copyOf(hosts);
        if (metricsTokenFile.isPresent() != (metrics == MetricsAccess.TOKEN)) {
            throw new IllegalArgumentException("web.metricsTokenFile goes with web.metrics: token, and only with it; "
                    + "metrics " + metrics.word() + ", token file "
                    + metricsTokenFile.map(Path::toString).orElse("none"));
        }
    }

    /**
     * Plain HTTP, no trusted proxy, every name answered, the default overloads' hold, metrics for a sign-in, the default
     * idle timeout.
     */
    public WebConfig(String bind, int port, Duration sessionLifetime, Path usersFile) {
        this(bind, port, sessionLifetime, usersFile, Set.of(), Optional.empty(), Set.of(), DEFAULT_OVERLOAD_HOLD,
                MetricsAccess.LOGIN, Optional.empty(), DEFAULT_IDLE_TIMEOUT);
    }

    public WebConfig withPort(int newPort) {
        return new WebConfig(bind, newPort, sessionLifetime, usersFile, trustedProxies, tls, hosts, overloadHold,
                metrics, metricsTokenFile, idleTimeout);
    }

    /** With {@code access}, and {@code tokenFile} for {@link MetricsAccess#TOKEN} (empty for the others). */
    public WebConfig withMetrics(MetricsAccess access, Optional<Path> tokenFile) {
        return new WebConfig(bind, port, sessionLifetime, usersFile, trustedProxies, tls, hosts, overloadHold, access,
                tokenFile, idleTimeout);
    }

    public WebConfig withUsersFile(Path file) {
        return new WebConfig(bind, port, sessionLifetime, file, trustedProxies, tls, hosts, overloadHold, metrics,
                metricsTokenFile, idleTimeout);
    }
}
