package org.orderly.gateway.field.pile;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * The Californium endpoints a gateway's CoAP pile drivers share: one plain UDP endpoint, and one DTLS client endpoint
 * per request timeout that knows every pile's pre-shared key by the pile's address. An endpoint owns a socket and
 * several threads; one per pile made 300 piles cost some 1,500 threads. An endpoint is destroyed when the last
 * driver using it releases it.
 */
public final class CoapEndpointPool {
    /** Where a gateway's endpoints bind: every local address, a port the system picks. */
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(0);

    private final InetSocketAddress local;
    private CoapEndpoint plain;
    private final Map<Duration, Dtls> dtls = new HashMap<>();
    private final Map<CoapEndpoint, Integer> users = new IdentityHashMap<>();

    private record Dtls(CoapEndpoint endpoint, AdvancedMultiPskStore keys) {
    }

    /** A gateway's pool: its endpoints bind to every local address, each on a port the system picks. */
    public CoapEndpointPool() {
        this(ANY_LOCAL);
    }

    /**
     * A pool whose endpoints bind to {@code local}: a test's, which takes that port first so that an endpoint cannot
     * bind, as one that cannot get a socket in the field (CoapPileDriverStartFailureTest).
     */
    CoapEndpointPool(InetSocketAddress local) {
        this.local = Objects.requireNonNull(local, "local");
    }

    /** The endpoint for {@code config}'s pile; give it back with {@link #release}. */
    public synchronized CoapEndpoint acquire(CoapPileConfig config) {
        CoapEndpoint endpoint;
        if (config.psk().isEmpty()) {
            if (plain == null) {
                plain = CoapEndpoints.plain(local);
            }
            endpoint = plain;
        } else {
            // Resolved before an endpoint is made: one made for a host that does not resolve was kept, never started
            // nor destroyed, by a pool no driver of its timeout used (until 2026-12-07; CoapEndpointPoolTest).
            InetSocketAddress peer = address(config);
            Dtls d = dtls.computeIfAbsent(config.requestTimeout(), timeout -> {
                AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
                return new Dtls(CoapEndpoints.dtls(timeout, keys, local), keys);
            });
            PilePsk psk = config.psk().get();
            d.keys().addKnownPeer(peer, psk.identity(), psk.key());
            endpoint = d.endpoint();
        }
        users.merge(endpoint, 1, Integer::sum);
        return endpoint;
    }

    /** Gives back an endpoint; the last user's release destroys it. */
    public synchronized void release(CoapEndpoint endpoint) {
        Integer left = users.computeIfPresent(endpoint, (e, n) -> n == 1 ? null : n - 1);
        if (left != null) {
            return;
        }
        if (endpoint == plain) {
            plain = null;
        }
        dtls.values().removeIf(d -> d.endpoint() == endpoint);
        endpoint.destroy();
    }

    /** How many endpoints the pool holds, each open once a driver took it (for tests and diagnostics). */
    public synchronized int openEndpoints() {
        return (plain == null ? 0 : 1) + dtls.size();
    }

    /**
     * The bridge's address, which its key is known by. A name that does not resolve now (DNS not up yet after a power
     * cut) is a device not reached, not a bad configuration: {@code orderly run} exits 1, which systemd restarts,
     * rather than 2, which it does not (RestartPreventExitStatus=2).
     */
    private static InetSocketAddress address(CoapPileConfig config) {
        try {
            return new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("pile " + config.pileId() + ": cannot resolve bridge host '"
                    + config.host() + "': " + e.getMessage(), e);
        }
    }
}
