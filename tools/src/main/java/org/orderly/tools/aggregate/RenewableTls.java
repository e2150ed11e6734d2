package org.orderly.tools.aggregate;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.orderly.gateway.upstream.link.TlsContexts;
import org.orderly.gateway.upstream.link.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of an {@code ssl://} broker, read again from its files (--ca, --cert, --key) at each connect by the gateway's
 * own code for its upstream link ({@link TlsContexts}, which {@code MqttLink} calls at each of its connects): a
 * client certificate renewed by replacing the files is presented at the next reconnect, without a restart that would
 * drop the instance's in-memory state. Files that cannot be used when a connect comes (a renewal half written, a key
 * that is not the certificate's) keep the last context that could, said in one WARN per fault, so a renewal gone wrong
 * never stops the instance while the old certificate is still taken.
 */
final class RenewableTls {
    private static final Logger LOG = LoggerFactory.getLogger(RenewableTls.class);

    private final String clientId;
    private final Transport.Tls tls;
    private SSLSocketFactory lastGood;
    /** The fault last warned of, so a fault that stays is said once, not at every attempt; null once the files read. */
    private String lastFault;

    private RenewableTls(String clientId, Transport.Tls tls, SSLSocketFactory first) {
        this.clientId = clientId;
        this.tls = tls;
        this.lastGood = first;
    }

    /** The first reading, which must succeed: there is nothing older to fall back on. */
    static RenewableTls read(String clientId, Transport.Tls tls) throws IOException, GeneralSecurityException {
        return new RenewableTls(clientId, tls, TlsContexts.socketFactory(tls));
    }

    /** The context read last that could be used: the first connect's. */
    synchronized SSLSocketFactory lastGood() {
        return lastGood;
    }

    /** For a connect: the files as they are now, or, when they cannot be used, the context read last from them. */
    synchronized SSLSocketFactory forConnect() {
        try {
            lastGood = TlsContexts.socketFactory(tls);
            if (lastFault != null) {
                LOG.info("aggregate {}: {} can be used again; this connect presents them", clientId, files());
                lastFault = null;
            }
        } catch (IOException | GeneralSecurityException e) {
            String fault = fault(e);
            if (!fault.equals(lastFault)) {
                LOG.warn("aggregate {}: {} cannot be used now ({}); connecting with those read before until they can",
                        clientId, files(), fault);
            }
            lastFault = fault;
        }
        return lastGood;
    }

    /** Which files, as the options name them: the WARN's "where". */
    private String files() {
        List<String> named = new ArrayList<>();
        tls.caFile().ifPresent(ca -> named.add("--ca " + ca));
        tls.client().ifPresent(c -> {
            named.add("--cert " + c.certFile());
            named.add("--key " + c.keyFile());
        });
        return String.join(", ", named);
    }

    /** The fault in words: a missing file's exception says only its path. */
    private static String fault(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
