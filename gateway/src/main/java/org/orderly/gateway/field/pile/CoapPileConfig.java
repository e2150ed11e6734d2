package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one firmware-bridge.
 *
 * @param pileId            the pile's id
 * @param host              the bridge's address
 * @param port              its port (5684 for DTLS, 5683 plain, by convention)
 * @param psk               DTLS-PSK credentials; empty means plain CoAP, which must be chosen explicitly
 * @param lease             ttl of each limit (refreshed every ttl/3)
 * @param requestTimeout    how long one PUT or GET may take, DTLS handshake included
 * @param statusStaleAfter  with no notification for this long, the driver GETs /status and re-registers
 *                          the observation (a pile whose status does not change sends none)
 * @param safeAmps          the bridge's safe current ({@code --safe-amps}), which it offers once a lease lapses: the
 *                          gateway cannot read it while the bridge is silent, so it is configured
 * @param rating            what the gateway's configuration says of the pile, checked against the bridge's
 *                          {@code /info}; empty: not checked
 */
public record CoapPileConfig(String pileId, String host, int port, Optional<PilePsk> psk, LeaseTiming lease,
                             Duration requestTimeout, Duration statusStaleAfter, double safeAmps,
                             Optional<PileRating> rating) {
    /** The bridge's own default {@code --safe-amps}. */
    public static final double DEFAULT_SAFE_AMPS = 6.0;

    public CoapPileConfig {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(statusStaleAfter, "statusStaleAfter");
        Objects.requireNonNull(rating, "rating");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("pile " + pileId + ": port must be 1..65535, was " + port);
        }
        if (requestTimeout.toMillis() < 100 || requestTimeout.compareTo(lease.refreshEvery()) >= 0) {
            throw new IllegalArgumentException("pile " + pileId + ": request timeout " + requestTimeout
                    + " must be >= 100 ms and shorter than the lease refresh period " + lease.refreshEvery());
        }
        if (!(safeAmps >= 0) || Double.isInfinite(safeAmps)) {
            throw new IllegalArgumentException("pile " + pileId + ": safe current must be >= 0 A, was " + safeAmps);
        }
        if (statusStaleAfter.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("pile " + pileId + ": statusStaleAfter " + statusStaleAfter
                    + " must exceed the request timeout " + requestTimeout);
        }
    }

    /** DTLS-PSK with a 10 s lease, 2 s requests, status re-registered after 30 s of silence. */
    /**
     * How long one request may take with this lease: 2 s, or half the lease's refresh period when that is shorter (a
     * 5 s lease is refreshed every 1.7 s), so that a request always ends before the next refresh is due.
     */
    public static Duration requestTimeoutFor(LeaseTiming lease) {
        Duration half = lease.refreshEvery().dividedBy(2);
        Duration usual = Duration.ofSeconds(2);
        return half.compareTo(usual) < 0 ? half : usual;
    }

    public static CoapPileConfig dtls(String pileId, String host, int port, PilePsk psk) {
        return new CoapPileConfig(pileId, host, port, Optional.of(psk), LeaseTiming.defaults(),
                Duration.ofSeconds(2), Duration.ofSeconds(30), DEFAULT_SAFE_AMPS, Optional.empty());
    }

    /** Plain, unencrypted CoAP: only for a bridge configured with {@code --plain}. */
    public static CoapPileConfig plain(String pileId, String host, int port) {
        return new CoapPileConfig(pileId, host, port, Optional.empty(), LeaseTiming.defaults(),
                Duration.ofSeconds(2), Duration.ofSeconds(30), DEFAULT_SAFE_AMPS, Optional.empty());
    }

    /** The same bridge with another lease and timeouts (validated together). */
    public CoapPileConfig with(LeaseTiming lease, Duration requestTimeout, Duration statusStaleAfter) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, safeAmps, rating);
    }

    /** The same bridge, whose safe current is {@code amps}. */
    public CoapPileConfig withSafeAmps(double amps) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, amps, rating);
    }

    /** The same bridge, its {@code /info} checked against {@code rating}. */
    public CoapPileConfig withRating(PileRating rating) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, safeAmps,
                Optional.of(rating));
    }

    public String uri(String path) {
        return (psk.isPresent() ? "coaps://" : "coap://") + host + ":" + port + path;
    }
}
