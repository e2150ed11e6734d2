package org.orderly.gateway.tls;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS read again from its files at each connect, so that a certificate renewed by replacing the files is presented at
 * the next (re)connect without a restart; for the gateway's upstream link and {@code orderly aggregate}. Files that
 * cannot be used when a connect comes (a renewal half written, a key that is not the new certificate's yet) keep the
 * last context that could, said in one WARN per fault and one INFO once they can be used again: a renewal gone wrong
 * never stops the connection while the old certificate is still taken. Until a reading has succeeded there is nothing
 * to fall back on, and the fault is the caller's to say.
 */
public final class LastGoodTls {
    private static final Logger LOG = LoggerFactory.getLogger(LastGoodTls.class);

    /** Reads the files as they are now. */
    @FunctionalInterface
    public interface Reading {
        SSLSocketFactory read() throws IOException, GeneralSecurityException;
    }

    private final String who;
    private final String files;
    private final Reading reading;
    private SSLSocketFactory lastGood;
    /** The fault last warned of, so a fault that stays is said once, not at every attempt; null once the files read. */
    private String lastFault;

    /**
     * @param who the log lines' start ({@code upstream}, {@code aggregate gw-1})
     * @param files the files as the operator named them: the WARN's "where"
     */
    public LastGoodTls(String who, String files, Reading reading) {
        this.who = who;
        this.files = files;
        this.reading = reading;
    }

    /**
     * For a connect: the files as they are now, or, when they cannot be used, the context read last from them; the
     * fault itself when none has been read yet.
     */
    public synchronized SSLSocketFactory forConnect() throws IOException, GeneralSecurityException {
        try {
            lastGood = reading.read();
            if (lastFault != null) {
                LOG.info("{}: {} can be used again; this connect presents them", who, files);
                lastFault = null;
            }
        } catch (IOException | GeneralSecurityException e) {
            if (lastGood == null) {
                throw e;
            }
            String fault = fault(e);
            if (!fault.equals(lastFault)) {
                LOG.warn("{}: {} cannot be used now ({}); connecting with those read before until they can", who,
                        files, fault);
            }
            lastFault = fault;
        }
        return lastGood;
    }

    /**
     * For a reconnect, once {@link #forConnect} has read the files: as it, never failing, since there is a context to
     * fall back on.
     *
     * @throws IllegalStateException when no reading has succeeded yet (a caller's mistake)
     */
    public SSLSocketFactory forReconnect() {
        try {
            return forConnect();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(who + ": " + files + " never read, so nothing to fall back on: "
                    + e.getMessage(), e);
        }
    }

    /** The fault in words: a missing file's exception says only its path. */
    private static String fault(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
