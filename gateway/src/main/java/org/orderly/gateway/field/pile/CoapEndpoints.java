package org.orderly.gateway.field.pile;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;

/**
 * Builds client endpoints for the pile drivers: plain UDP, or a Scandium DTLS client taking each pile's PSK from a
 * key store.
 * Configuration is code only (no {@code Californium3.properties} is read or written). The DTLS handshake's
 * retransmissions are sized to fail within the request timeout, so a wrong key is reported as a handshake
 * failure rather than a bare timeout.
 */
final class CoapEndpoints {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private CoapEndpoints() {
    }

    /** A plain UDP endpoint bound to {@code local} (port 0: one the system picks). */
    static CoapEndpoint plain(InetSocketAddress local) {
        return new CoapEndpoint.Builder().setConfiguration(configuration()).setInetSocketAddress(local)
                .setCoapStackFactory(DuplicateAcknowledgingStack.FACTORY).build();
    }

    /**
     * A DTLS client endpoint bound to {@code local}, whose handshakes fail within {@code requestTimeout}, taking keys from
     * {@code keys}.
     */
    static CoapEndpoint dtls(Duration requestTimeout, AdvancedPskStore keys, InetSocketAddress local) {
        Configuration configuration = configuration();
        // initial + 2 retransmissions with doubling: 1/8 + 2/8 + 4/8 of the request timeout
        long retransmitMillis = Math.max(50, requestTimeout.toMillis() / 8);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(local)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, retransmitMillis, TimeUnit.MILLISECONDS)
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2)
                .setAdvancedPskStore(keys)
                .build();
        return new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(new DTLSConnector(dtls))
                .setCoapStackFactory(DuplicateAcknowledgingStack.FACTORY).build();
    }

    private static Configuration configuration() {
        Configuration configuration = Configuration.createStandardWithoutFile();
        // Each status notification the bridge confirms is remembered for duplicate detection; with
        // the defaults (247 s for every message) 300 piles keep about 120 MB of exchanges alive
        // (measured, docs/benchmarks.md). Keeping each peer's last few messages, for a minute, is all
        // a loopback or LAN link needs.
        configuration.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        configuration.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 16);
        configuration.set(CoapConfig.EXCHANGE_LIFETIME, 60, TimeUnit.SECONDS);
        configuration.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 5, TimeUnit.SECONDS);
        return configuration;
    }
}
