package org.orderly.gateway.upstream.link;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.orderly.gateway.upstream.UpstreamSettings;

/**
 * What a broker's refusal of a connection means and what to check, in the same words for the running gateway's line
 * ({@code upstream: cannot connect to ...}) and selftest's broker row ({@link BrokerCheck}): a login refused in the
 * CONNACK (MQTT 3.1.1's codes and v5's alike), a client id refused, or TLS: the broker's certificate refused here, or
 * this gateway's client certificate refused by the broker (its fatal alert). Until 2026-12-07 the running gateway said
 * only the MQTT client's words (MQTT 3.1.1: {@code Not authorized to connect (5)}).
 */
final class ConnectRefusal {
    /** CONNACK codes refusing the login: MQTT 3.1.1's 4 and 5, v5's 0x86 bad user name or password, 0x87 not authorized. */
    private static final Set<Integer> LOGIN_REFUSED = Set.of(4, 5, 0x86, 0x87);
    /** CONNACK codes saying "not authorised": MQTT 3.1.1's 5, v5's 0x87; a broker's ACL refusing the will says them too. */
    private static final Set<Integer> NOT_AUTHORISED = Set.of(5, 0x87);
    /** CONNACK codes refusing the client id: MQTT 3.1.1's 2, v5's 0x85. */
    private static final Set<Integer> CLIENT_ID_REFUSED = Set.of(2, 0x85);
    /** The start of the JDK's words for a TLS alert the peer sent: the broker refused the handshake. */
    private static final String ALERT_RECEIVED = "Received fatal alert: ";

    private ConnectRefusal() {
    }

    /**
     * What to check, from {@code refused: } or {@code TLS: }; empty when {@code e} is not such a refusal. With
     * {@code withWill} (the gateway's CONNECT, not selftest's) a broker's "not authorised" may also be its ACL refusing
     * the will's topic, which is said too. {@code certificateAsked}: the broker asked this attempt for the client
     * certificate ({@link ConnectRequest#certificateAsked}).
     */
    static Optional<String> of(BrokerException e, UpstreamSettings settings, boolean withWill,
                               boolean certificateAsked) {
        int code = e.connectReasonCode();
        if (LOGIN_REFUSED.contains(code)) {
            String will = withWill && NOT_AUTHORISED.contains(code) ? ", then that the broker's ACL lets this gateway"
                    + " publish its will on its state topic" : "";
            return Optional.of(settings.login().isPresent()
                    ? "refused: wrong credentials: check upstream.username (" + settings.login().get().username()
                            + ") and the password in upstream.passwordFile against the broker's account for this gateway"
                            + will
                    : "refused: the broker wants a login: give upstream.username and upstream.passwordFile" + will);
        }
        if (CLIENT_ID_REFUSED.contains(code)) {
            return Optional.of("refused: the broker does not take client id " + settings.clientId() + ": check "
                    + "upstream.clientId against the id the broker expects of this gateway");
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException ssl) {
                return Optional.of(tls(ssl, settings));
            }
        }
        if (certificateAsked && clientCertificate(settings) && closedOnUs(e)) {
            // Only once the broker asked for the certificate: a connection reset before that (no broker, a firewall)
            // says nothing of the certificate (until 2026-12-07 it was said so too). Under TLS 1.3 a broker checks the
            // client's certificate once it has it and closes the connection while the client sends the rest of its
            // handshake (Mosquitto 2: "Broken pipe", no alert read), which the client says as "Untranslated
            // MqttException - RC: 0".
            return Optional.of("TLS: the broker closed the connection as soon as TLS was set up, before answering the"
                    + " CONNECT, as a broker does (TLS 1.3) that does not trust this gateway's client certificate"
                    + " (upstream.tls.clientCert): check that the broker trusts the CA that signed it (its cafile),"
                    + " that it has not expired, and that upstream.tls.clientKey is its key");
        }
        return Optional.empty();
    }

    private static boolean clientCertificate(UpstreamSettings settings) {
        return settings.transport() instanceof Transport.Tls t && t.client().isPresent();
    }

    /** A connection made (not refused nor unrouted) that the other end closed: a write's broken pipe, a reset, an EOF. */
    private static boolean closedOnUs(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return false;
            }
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    private static String tls(SSLException e, UpstreamSettings settings) {
        String said = e.getMessage() == null ? "" : e.getMessage();
        boolean clientCert = clientCertificate(settings);
        if (said.startsWith(ALERT_RECEIVED)) {
            String alert = said.substring(ALERT_RECEIVED.length());
            return clientCert
                    ? "TLS: the broker refused this gateway's client certificate (upstream.tls.clientCert; its alert: "
                            + alert + "): check that the broker trusts the CA that signed it (its cafile), that it has"
                            + " not expired, and that upstream.tls.clientKey is its key"
                    : "TLS: the broker refused the handshake (its alert: " + alert + "): if it wants a client "
                            + "certificate, give upstream.tls.clientCert and upstream.tls.clientKey";
        }
        return "TLS: the certificate was refused: check that upstream.tls.caFile holds the CA that signed the "
                + "broker's certificate, that this certificate names " + settings.broker().getHost()
                + (clientCert ? ", and that the broker trusts upstream.tls.clientCert" : "");
    }
}
