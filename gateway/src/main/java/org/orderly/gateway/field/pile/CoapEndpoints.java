package org.orderly.gateway.field.pile;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Builds a pile driver's own client endpoint: plain UDP, or a Scandium DTLS client with the pile's PSK.
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

    static CoapEndpoint create(CoapPileConfig config) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        // Each status notification the bridge confirms is remembered for duplicate detection; with
        // the defaults (247 s for every message) 300 piles keep about 120 MB of exchanges alive
        // (measured, docs/benchmarks.md). One peer per endpoint: keeping its last few messages, for
        // a minute, is all a loopback or LAN link needs.
        configuration.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        configuration.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 16);
        configuration.set(CoapConfig.EXCHANGE_LIFETIME, 60, java.util.concurrent.TimeUnit.SECONDS);
        configuration.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 5, java.util.concurrent.TimeUnit.SECONDS);
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(configuration);
        config.psk().ifPresent(psk -> {
            // initial + 2 retransmissions with doubling: 1/8 + 2/8 + 4/8 of the request timeout
            long retransmitMillis = Math.max(50, config.requestTimeout().toMillis() / 8);
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, retransmitMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2)
                    .setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(), psk.key()))
                    .build();
            builder.setConnector(new DTLSConnector(dtls));
        });
        return builder.build();
    }
}
