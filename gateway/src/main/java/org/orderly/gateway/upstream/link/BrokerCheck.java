package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the upstream broker made as the gateway's link makes it (the same MQTT client, TLS files, login
 * and client id), then a normal DISCONNECT: for {@code orderly selftest}, which says at commissioning what the running
 * gateway's log would say only later. It has no will and publishes nothing, so the grid side sees no message and the
 * retained state stays as it is, even if this process dies connected; it subscribes to the gateway's command topics
 * as the gateway does ({@link CommandTopicsCheck}: a broker's ACL refusing them), in a clean session ended at once
 * (until 2026-12-07 it subscribed to nothing, and such a broker passed). Its client id is the
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

    /**
     * Connects with {@code settings}, waiting up to {@code wait} for the CONNACK, subscribes to {@code commandTopics}
     * (the gateway's, {@code Topics.commands}), waiting as long for the SUBACK, and disconnects.
     */
    public static Outcome connectOnce(UpstreamSettings settings, List<String> commandTopics, Duration wait)
            throws InterruptedException {
        return connectOnce(settings, commandTopics, wait, LinkTimings.DEFAULT.tcpConnect());
    }

    /**
     * As {@link #connectOnce(UpstreamSettings, List, Duration)}, the MQTT client's own TCP connect given up after
     * {@code tcpConnect} (whole seconds) rather than the gateway's 10 s.
     */
    public static Outcome connectOnce(UpstreamSettings settings, List<String> commandTopics, Duration wait,
                                      Duration tcpConnect) throws InterruptedException {
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
        ConnectRequest request = new ConnectRequest(null, null, tls, settings.login().map(BrokerLogin::username), password, wait,
                tcpConnect);
        try {
            client.connect(request);
            Optional<String> refused = CommandTopicsCheck.refusal(client, commandTopics, settings, wait);
            if (refused.isPresent()) {
                disconnectAfterRefusal(client, settings, wait);
                return new Outcome(false, refused.get());
            }
            client.disconnect(wait.toMillis());
            return new Outcome(true, "connected as " + settings.clientId() + " over " + settings.protocol().configName()
                    + (tls.isPresent() ? " with TLS" : " in plaintext") + settings.login().map(l -> " as user " + l.username())
                    .orElse("") + ", subscribed to its command topics, then disconnected (no will, nothing published)");
        } catch (BrokerException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the check of " + settings.broker() + " was interrupted: " + e.getMessage());
            }
            return new Outcome(false, advice(e, request, settings) + "; " + e.getMessage());
        } finally {
            try {
                client.close();
            } catch (BrokerException e) {
                // The outcome stands; the client's threads end with the command.
                LOG.warn("upstream check: the MQTT client for {} did not close: {}", settings.broker(), e.getMessage());
            }
        }
    }

    /**
     * Ends a connection whose subscription failed. The refusal is the check's finding: a broker that closed the
     * connection on the SUBSCRIBE leaves nothing to disconnect, and the client's "Client is disconnected (32101)" must not
     * replace the refusal with a failed connect (until 2026-12-07 it did: {@code BrokerCheckSubscribeClosedTest}).
     */
    private static void disconnectAfterRefusal(BrokerClient client, UpstreamSettings settings, Duration wait) {
        try {
            client.disconnect(wait.toMillis());
        } catch (BrokerException e) {
            LOG.debug("upstream check: no DISCONNECT to {} after its refusal of the subscription: {}", settings.broker(),
                    e.getMessage());
        }
    }

    /** What the failure means and what to check: the login, the certificate, the address, or an answer not MQTT's. */
    private static String advice(BrokerException e, ConnectRequest request, UpstreamSettings settings)
            throws InterruptedException {
        Optional<String> refused = ConnectRefusal.of(e, settings, false, request.certificateAsked());
        if (refused.isPresent()) {
            return refused.get();
        }
        String unreachable = UnreachableBroker.check(e, settings.broker());
        if (!unreachable.isEmpty()) {
            return "unreachable" + unreachable.replaceFirst("^;", ":");
        }
        Optional<String> unanswered = NoConnack.advice(e, settings.broker(), request.connackWait(), request.tcpConnect());
        if (unanswered.isPresent()) {
            return unanswered.get();
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
            // A command sent in the moment of the check: no gateway runs to answer it (UpstreamCheck makes sure).
        }
    };
}
