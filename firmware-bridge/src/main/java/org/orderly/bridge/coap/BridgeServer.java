package org.orderly.bridge.coap;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.orderly.bridge.pile.Pile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Californium server for one pile: resources plus a plain and/or a DTLS-PSK endpoint. */
public final class BridgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);
    private static final String PLAIN = "plain (unencrypted) CoAP on coap://";
    private static final String DTLS = "DTLS-PSK CoAP on coaps://";

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final Optional<CoapEndpoint> plain;
    private final Optional<CoapEndpoint> dtls;
    private final String pileId;

    public BridgeServer(Pile pile, EndpointConfig endpoints) {
        this(pile, endpoints, LimitKeys.WITH_PILE_ID);
    }

    /** @param keys what {@code PUT /limit} takes beyond amps and ttlSeconds: an older bridge's only in tests */
    public BridgeServer(Pile pile, EndpointConfig endpoints, LimitKeys keys) {
        this.pileId = pile.config().pileId();
        // no Californium3.properties file is read or written: configuration is code and flags
        Configuration configuration = Configuration.createStandardWithoutFile();
        // Duplicate detection bounded as in the gateway's endpoints: one gateway per bridge, a lease
        // refresh every few seconds; keeping its last messages for a minute is enough, and the
        // default (every message for 247 s) grows without need on a small pile controller.
        configuration.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        configuration.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 16);
        configuration.set(CoapConfig.EXCHANGE_LIFETIME, 60, java.util.concurrent.TimeUnit.SECONDS);
        configuration.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 5, java.util.concurrent.TimeUnit.SECONDS);
        this.server = new CoapServer(configuration);
        server.setMessageDeliverer(new ServedRequests(server.getRoot(), configuration, pileId));
        PayloadCodec codec = new PayloadCodec();
        server.add(new LimitResource(pile, keys, codec), new StatusResource(pile, codec),
                new InfoResource(pile.config(), keys, codec));
        this.plain = endpoints.plainPort().map(port -> new CoapEndpoint.Builder()
                .setConfiguration(configuration)
                .setDataSerializerAndParser(new UdpDataSerializer(), parser(configuration))
                .setInetSocketAddress(new InetSocketAddress(endpoints.bind(), port))
                .build());
        this.dtls = endpoints.dtlsPort().map(port -> {
            PskCredentials psk = endpoints.psk().orElseThrow();
            AdvancedMultiPskStore store = new AdvancedMultiPskStore();
            store.setKey(psk.identity(), psk.key());
            DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(configuration)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAddress(new InetSocketAddress(endpoints.bind(), port))
                    .setAdvancedPskStore(store)
                    .build();
            return new CoapEndpoint.Builder()
                    .setConfiguration(configuration)
                    .setDataSerializerAndParser(new UdpDataSerializer(), parser(configuration))
                    .setConnector(new DTLSConnector(dtlsConfig))
                    .build();
        });
        plain.ifPresent(server::addEndpoint);
        dtls.ifPresent(server::addEndpoint);
    }

    /** Messages read with the options the bridge serves ({@link ServedOptions}), each single one once, tokens of 8 bytes. */
    private static RequestParser parser(Configuration configuration) {
        return new RequestParser(configuration.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT), ServedOptions.REGISTRY);
    }

    /**
     * Starts every endpoint, or none: Californium starts those it can and only logs the others, so a bridge whose DTLS
     * port was taken would serve plain CoAP alone, or fail with a line that names no address.
     */
    public void start() {
        try {
            server.start();
        } catch (IllegalStateException noneStarted) {
            // each endpoint is named below; Californium's own line names none
            LOG.debug("pile {}: {}", pileId, noneStarted.getMessage());
        }
        refuseUnstarted(plain, "plain CoAP on coap://");
        refuseUnstarted(dtls, DTLS);
        plain.ifPresent(e -> LOG.warn("pile {}: {}{}", pileId, PLAIN, address(e)));
        dtls.ifPresent(e -> LOG.info("pile {}: {}{}", pileId, DTLS, address(e)));
    }

    /**
     * Where it serves, after {@link #start}, each endpoint at its bound address: {@code DTLS-PSK CoAP on
     * coaps://0.0.0.0:5684}, {@code plain (unencrypted) CoAP on coap://127.0.0.1:5683}.
     */
    public String serving() {
        return Stream.concat(dtls.map(e -> DTLS + address(e)).stream(), plain.map(e -> PLAIN + address(e)).stream())
                .collect(Collectors.joining(" and "));
    }

    /** The bound plain port (after {@link #start}), if plain CoAP is served. */
    public Optional<Integer> plainPort() {
        return plain.map(e -> e.getAddress().getPort());
    }

    /** The bound DTLS port (after {@link #start}), if DTLS is served. */
    public Optional<Integer> dtlsPort() {
        return dtls.map(e -> e.getAddress().getPort());
    }

    private void refuseUnstarted(Optional<CoapEndpoint> endpoint, String what) {
        if (endpoint.isPresent() && !endpoint.get().isStarted()) {
            server.stop();
            throw new IllegalStateException("pile " + pileId + ": cannot serve " + what + address(endpoint.get())
                    + " (the port is taken, or the address is not this host's)");
        }
    }

    private static String address(CoapEndpoint endpoint) {
        InetSocketAddress a = endpoint.getAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop();
        server.destroy();
    }
}
