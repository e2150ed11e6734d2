package org.orderly.bridge.testing;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.orderly.bridge.coap.PskCredentials;

/** In-process Californium clients (the gateway's side) with their own endpoints, no properties file. */
public final class TestClients {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private TestClients() {
    }

    public static CoapClient plain(String uri) {
        Configuration config = Configuration.createStandardWithoutFile();
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(new CoapEndpoint.Builder().setConfiguration(config).build());
        client.setTimeout(5_000L);
        return client;
    }

    public static CoapClient dtls(String uri, PskCredentials psk) {
        Configuration config = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(), psk.key()))
                .build();
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new DTLSConnector(dtls)).build());
        client.setTimeout(5_000L);
        return client;
    }

    /** One PUT of {@code body} in {@code format} over plain CoAP, on a client of its own. */
    public static CoapResponse put(String uri, byte[] body, int format) throws Exception {
        CoapClient client = plain(uri);
        try {
            return client.put(body, format);
        } finally {
            close(client);
        }
    }

    /** Shuts the client and destroys its endpoint. */
    public static void close(CoapClient client) {
        client.shutdown();
        client.getEndpoint().destroy();
    }
}
