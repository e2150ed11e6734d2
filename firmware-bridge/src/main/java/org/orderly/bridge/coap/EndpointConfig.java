package org.orderly.bridge.coap;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the bridge listens. DTLS with a PSK is the normal case; plain CoAP is served
 * only when {@code plainPort} is given explicitly. At least one of the two must be configured.
 * Port 0 picks a free port (tests).
 */
public record EndpointConfig(InetAddress bind, Optional<Integer> plainPort, Optional<Integer> dtlsPort,
                             Optional<PskCredentials> psk) {

    public EndpointConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(plainPort, "plainPort");
        Objects.requireNonNull(dtlsPort, "dtlsPort");
        Objects.requireNonNull(psk, "psk");
        if (dtlsPort.isPresent() != psk.isPresent()) {
            throw new IllegalArgumentException("DTLS needs both a port and a pre-shared key (port "
                    + dtlsPort.map(String::valueOf).orElse("none") + ", psk "
                    + (psk.isPresent() ? "given" : "none") + ")");
        }
        if (plainPort.isEmpty() && dtlsPort.isEmpty()) {
            throw new IllegalArgumentException("no endpoint: configure DTLS (port + PSK) or plain CoAP explicitly");
        }
        plainPort.ifPresent(p -> checkPort("plain", p));
        dtlsPort.ifPresent(p -> checkPort("DTLS", p));
    }

    public static EndpointConfig dtls(InetAddress bind, int port, PskCredentials psk) {
        return new EndpointConfig(bind, Optional.empty(), Optional.of(port), Optional.of(psk));
    }

    public static EndpointConfig plain(InetAddress bind, int port) {
        return new EndpointConfig(bind, Optional.of(port), Optional.empty(), Optional.empty());
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " port must be 0..65535, got " + port);
        }
    }
}
