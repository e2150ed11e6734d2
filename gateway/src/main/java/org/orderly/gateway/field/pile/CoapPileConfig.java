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
 * @param lease             ttl of each limit (refreshed every ttl/3, sooner for a short one:
 *                          {@link LeaseTiming#refreshEvery(Duration)})
 * @param requestTimeout    how long one PUT or GET may take, DTLS handshake included; at most what the lease allows
 *                          two exchanges ({@link LeaseTiming#longestExchange()})
 * @param statusStaleAfter  with no notification for this long, the driver GETs /status and re-registers
 *                          the observation (a pile whose status does not change sends none)
 * @param safeAmps          the bridge's safe current ({@code --safe-amps}), which it offers once a lease lapses: the
 *                          gateway cannot read it while the bridge is silent, so it is configured
 * @param rating            what the gateway's configuration says of the pile, checked against the bridge's
 *                          {@code /info}; empty: not checked
 * @param idRole            what {@code pileId} is to the bridge: a configured pile's, checked against {@code /info} and
 *                          named in limits; a command's {@code --id}, named in limits only; or only a name for messages
 * @param worldSpeed        how many times faster than real time the world runs: a sped-up demo's {@code --speed}, whose
 *                          bridges count their cars' energy on the world's clock; 1 for a real gateway and the commands.
 *                          The session energy bound allows as many seconds of delivery a second ({@link SessionEnergyBound})
 */
public record CoapPileConfig(String pileId, String host, int port, Optional<PilePsk> psk, LeaseTiming lease,
                             Duration requestTimeout, Duration statusStaleAfter, double safeAmps,
                             Optional<PileRating> rating, PileIdRole idRole, double worldSpeed) {
    /** The bridge's own default {@code --safe-amps}. */
    public static final double DEFAULT_SAFE_AMPS = 6.0;

    /**
     * How long one request may take: Californium's ACK timeout, the time CoAP itself gives a confirmable request's
     * answer before it counts it lost and sends it again. A shorter one counts a slow answer, which the bridge took, as
     * lost (until 2026-12-02 a 5 s lease gave 833 ms, and pile set's first PUT answered 1 s late under load was lost);
     * a longer one only waits for CoAP's retransmission, which the lease's next renewal already is.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    public CoapPileConfig {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(statusStaleAfter, "statusStaleAfter");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(idRole, "idRole");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("pile " + pileId + ": port must be 1..65535, was " + port);
        }
        if (requestTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("pile " + pileId + ": request timeout " + requestTimeout + " must be >= 100 ms");
        }
        try {
            lease.refreshEvery(requestTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pile " + pileId + ": request timeout " + requestTimeout + " does not fit the lease: "
                    + e.getMessage(), e);
        }
        if (!(safeAmps >= 0) || Double.isInfinite(safeAmps)) {
            throw new IllegalArgumentException("pile " + pileId + ": safe current must be >= 0 A, was " + safeAmps);
        }
        PileWorldSpeed.check(pileId, worldSpeed);
        if (statusStaleAfter.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("pile " + pileId + ": statusStaleAfter " + statusStaleAfter
                    + " must exceed the request timeout " + requestTimeout);
        }
    }

    /**
     * How long one request may take with this lease: {@link #REQUEST_TIMEOUT} whatever the lease, the lease renewed
     * sooner instead when it is short ({@link LeaseTiming#refreshEvery(Duration)}: a 5 s lease every 1 s); less only
     * for a lease under 5 s, which neither the configuration nor the commands take, too short for two such requests.
     */
    public static Duration requestTimeoutFor(LeaseTiming lease) {
        Duration longest = lease.longestExchange();
        return longest.compareTo(REQUEST_TIMEOUT) < 0 ? longest : REQUEST_TIMEOUT;
    }

    /** DTLS-PSK with a 10 s lease, 2 s requests, status re-registered after 30 s of silence. */
    public static CoapPileConfig dtls(String pileId, String host, int port, PilePsk psk) {
        return new CoapPileConfig(pileId, host, port, Optional.of(psk), LeaseTiming.defaults(),
                REQUEST_TIMEOUT, Duration.ofSeconds(30), DEFAULT_SAFE_AMPS, Optional.empty(), PileIdRole.CONFIGURED,
                PileWorldSpeed.REAL);
    }

    /** Plain, unencrypted CoAP: only for a bridge configured with {@code --plain}. */
    public static CoapPileConfig plain(String pileId, String host, int port) {
        return new CoapPileConfig(pileId, host, port, Optional.empty(), LeaseTiming.defaults(),
                REQUEST_TIMEOUT, Duration.ofSeconds(30), DEFAULT_SAFE_AMPS, Optional.empty(), PileIdRole.CONFIGURED,
                PileWorldSpeed.REAL);
    }

    /** The same bridge with another lease and timeouts (validated together). */
    public CoapPileConfig with(LeaseTiming lease, Duration requestTimeout, Duration statusStaleAfter) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, safeAmps, rating,
                idRole, worldSpeed);
    }

    /** The same bridge, whose safe current is {@code amps}. */
    public CoapPileConfig withSafeAmps(double amps) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, amps, rating,
                idRole, worldSpeed);
    }

    /** The same bridge, its {@code /info} checked against {@code rating}. */
    public CoapPileConfig withRating(PileRating rating) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, safeAmps,
                Optional.of(rating), idRole, worldSpeed);
    }

    /** The same bridge, {@code pileId} being {@code role} to it ({@link PileIdRole}). */
    public CoapPileConfig withIdRole(PileIdRole role) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, safeAmps, rating,
                role, worldSpeed);
    }

    /** The same bridge in a world that runs {@code speed} times faster than real time (a sped-up demo's). */
    public CoapPileConfig inWorldOfSpeed(double speed) {
        return new CoapPileConfig(pileId, host, port, psk, lease, requestTimeout, statusStaleAfter, safeAmps, rating,
                idRole, speed);
    }

    public String uri(String path) {
        // An IPv6 address is bracketed in a URI, or its colons would be read as the port's.
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (psk.isPresent() ? "coaps://" : "coap://") + h + ":" + port + path;
    }
}
