package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the upstream broker made as the gateway's link makes it (the same MQTT client, TLS files, login
 * and client id), then a normal DISCONNECT: for {@code orderly selftest}, which says at commissioning what the running
 * gateway's log would say only later. It has no will, subscribes to nothing and publishes nothing, so the grid side
 * sees no message and the retained state stays as it is, even if this process dies connected. Its client id is the
 * gateway's own: a broker binding ids to accounts is checked as the gateway meets it; the caller makes sure no gateway
 * holds that id now (a second connection with it throws the first off, and the broker publishes that one's will).
 */
public final class BrokerCheck {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerCheck.class);

    /** Whether the broker took the connection, and one line saying what happened and, if it did not, what to check. */
    public record Outcome(boolean passed, String detail) {
    }

    private BrokerCheck() {
    }

    /** Connects with {@code settings}, waiting up to {@code wait} for the CONNACK, and disconnects. */
    public static Outcome connectOnce(UpstreamSettings settings, Duration wait) throws InterruptedException {
        Optional<SSLSocketFactory> tls;
        Optional<byte[]> password;
        try {
            tls = ConnectRequest.watched(settings.transport() instanceof Transport.Tls t
                    ? Optional.of(TlsContexts.socketFactory(t)) : Optional.empty());
        } catch (IOException | GeneralSecurityException e) {
            return new Outcome(false, "the TLS files cannot be used: check upstream.tls (caFile, clientCert, clientKey); "
                    + (e instanceof TextFileException ? e.getMessage() : e.toString()));
        }
        try {
            password = settings.login().isPresent() ? Optional.of(settings.login().get().password()) : Optional.empty();
        } catch (TextFileException e) {
            return new Outcome(false, "the password cannot be read: check upstream.passwordFile; " + e.getMessage());
        }
        BrokerClient client;
        try {
            client = BrokerClient.create(settings.protocol(), settings.broker().toString(), settings.clientId(), NO_EVENTS);
        } catch (BrokerException e) {
            return new Outcome(false, "the MQTT client cannot be made for " + settings.broker() + ": " + e.getMessage());
        }
        ConnectRequest request = new ConnectRequest(null, null, tls, settings.login().map(BrokerLogin::username), password, wait);
        try {
            client.connect(request);
            client.disconnect(wait.toMillis());
            return new Outcome(true, "connected as " + settings.clientId() + " over " + settings.protocol().configName()
                    + (tls.isPresent() ? " with TLS" : " in plaintext") + settings.login().map(l -> " as user " + l.username())
                    .orElse("") + ", then disconnected (no will, nothing published nor subscribed)");
        } catch (BrokerException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the check of " + settings.broker() + " was interrupted: " + e.getMessage());
            }
            return new Outcome(false, advice(e, request.certificateAsked(), settings, wait) + "; " + e.getMessage());
        } finally {
            try {
                client.close();
            } catch (BrokerException e) {
                // The outcome stands; the client's threads end with the command.
                LOG.warn("upstream check: the MQTT client for {} did not close: {}", settings.broker(), e.getMessage());
            }
        }
    }

    /** What the failure means and what to check: the login, the certificate, the address, or an answer not MQTT's. */
    private static String advice(BrokerException e, boolean certificateAsked, UpstreamSettings settings,
                                 Duration wait) {
        Optional<String> refused = ConnectRefusal.of(e, settings, false, certificateAsked);
        if (refused.isPresent()) {
            return refused.get();
        }
        String unreachable = UnreachableBroker.check(e, settings.broker());
        if (!unreachable.isEmpty()) {
            return "unreachable" + unreachable.replaceFirst("^;", ":");
        }
        // A CONNACK not come in time, also when no TCP connection was made (until 2026-12-07 said as one taken).
        Optional<String> noTcp = e.connectReasonCode() == UnansweredConnect.CLIENT_TIMEOUT
                ? TcpReach.failure(settings.broker(), wait) : Optional.empty();
        if (noTcp.isPresent()) {
            return "no TCP connection to " + settings.broker().getHost() + ":" + settings.broker().getPort() + " within "
                    + wait.toSeconds() + " s: check the address, the route and the firewall (a plain TCP connect after "
                    + "the MQTT client's: " + noTcp.get() + ")";
        }
        if (e.unansweredConnect()) {
            return "no answer as an MQTT broker within " + wait.toSeconds() + " s: something at " + settings.broker().getHost()
                    + ":" + settings.broker().getPort() + " took the connection but did not answer its CONNECT (another "
                    + "service's port, a TLS listener given as tcp:// or the reverse, a front whose broker is down); "
                    + "check upstream.broker";
        }
        return "the broker did not take the connection: check upstream.broker and the broker's log";
    }

    /** Nothing is subscribed to and the connection is ended at once: what the client reports needs no one. */
    private static final BrokerClient.Events NO_EVENTS = new BrokerClient.Events() {
        @Override
        public void lost(String why) {
            // Only a connection that ended between the CONNACK and the DISCONNECT: the check passed already.
        }

        @Override
        public void arrived(IncomingCommand command) {
            // Never: nothing is subscribed to.
        }
    };
}
