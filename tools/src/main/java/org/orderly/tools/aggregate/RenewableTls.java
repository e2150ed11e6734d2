package org.orderly.tools.aggregate;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;
import org.orderly.gateway.tls.LastGoodTls;
import org.orderly.gateway.upstream.link.TlsContexts;
import org.orderly.gateway.upstream.link.Transport;

/**
 * The TLS of an {@code ssl://} broker, read again from its files (--ca, --cert, --key) at each connect by the gateway's
 * own code for its upstream link ({@link TlsContexts} through {@link LastGoodTls}, as {@code MqttLink} does at each of
 * its connects): a client certificate renewed by replacing the files is presented at the next reconnect, without a
 * restart that would drop the instance's in-memory state; files that cannot be used then keep the last context that
 * could, with one WARN per fault.
 */
final class RenewableTls {
    private final LastGoodTls files;
    private final SSLSocketFactory first;

    private RenewableTls(LastGoodTls files, SSLSocketFactory first) {
        this.files = files;
        this.first = first;
    }

    /** The first reading, which must succeed: there is nothing older to fall back on. */
    static RenewableTls read(String clientId, Transport.Tls tls) throws IOException, GeneralSecurityException {
        LastGoodTls files = new LastGoodTls("aggregate " + clientId, tls.files("--ca", "--cert", "--key"),
                () -> TlsContexts.socketFactory(tls));
        return new RenewableTls(files, files.forConnect());
    }

    /** The first connect's context. */
    SSLSocketFactory lastGood() {
        return first;
    }

    /** For a reconnect: the files as they are now, or, when they cannot be used, the context read last from them. */
    SSLSocketFactory forConnect() {
        try {
            return files.forConnect();
        } catch (IOException | GeneralSecurityException e) {
            // LastGoodTls throws only before its first reading succeeded, and read() made that one.
            throw new IllegalStateException("aggregate TLS files unread though read at the start: " + e.getMessage(), e);
        }
    }
}
