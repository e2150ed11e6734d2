package org.orderly.tools.aggregate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed connect to a broker that requires client certificates (mutual TLS) means, in words: Paho reports it
 * as the TLS layer left it, "Connection lost (Received fatal alert: certificate_required)" without a certificate, or,
 * under TLS 1.3, where the broker checks the client's certificate only after the client's side of the handshake is
 * done, "Untranslated MqttException - RC: 0 (Broken pipe)" when it does not take the one presented.
 */
final class ClientCertificateRefusal {
    /** What the TLS layer says when the peer ended the handshake over the client's certificate, or cut the line. */
    private static final List<String> REFUSED = List.of("bad_certificate", "unknown_ca", "certificate_unknown",
            "certificate_revoked", "certificate_expired", "access_denied", "broken pipe", "connection reset");

    private ClientCertificateRefusal() {
    }

    /** The words for a connect that failed so, or empty when the failure says something else. */
    static Optional<String> of(Throwable failure, BrokerSettings settings) {
        if (!settings.url().startsWith("ssl://")) {
            return Optional.empty();
        }
        String said = chain(failure).strip();
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("certificate_required")) {
            return Optional.of(settings.clientCertificate().isPresent()
                    ? "the broker requires a client certificate and took none from --cert "
                    + settings.clientCertificate().get().certFile() + " (" + said + ")"
                    : "the broker requires a client certificate and none was presented (--cert, --key)");
        }
        if (settings.clientCertificate().isPresent() && REFUSED.stream().anyMatch(lower::contains)) {
            return Optional.of("the broker refused the client certificate " + settings.clientCertificate().get()
                    .certFile() + ", most likely: it ended the connection during or right after the TLS handshake"
                    + " (" + said + "); a certificate not signed by a CA the broker trusts, expired or revoked"
                    + " is refused so, and the broker's log says which");
        }
        return Optional.empty();
    }

    /** The messages of the failure and its causes, each once. */
    private static String chain(Throwable failure) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && b.indexOf(t.getMessage()) < 0) {
                b.append(b.length() > 0 ? "; " : "").append(t.getMessage());
            }
        }
        return b.toString();
    }
}
