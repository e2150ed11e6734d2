package org.orderly.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A private key and its certificate chain from PEM files, checked to belong together, in a key store for TLS
 * ({@link PemFiles#NO_PASSWORD}).
 */
public record CertifiedKey(KeyStore keyStore, List<X509Certificate> chain) {
    public CertifiedKey {
        chain = List.copyOf(chain);
    }

    public static CertifiedKey read(String alias, Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        KeyStore keys = PemFiles.keyStore(alias, certPem, keyPem);
        Certificate[] chain = keys.getCertificateChain(alias);
        return new CertifiedKey(keys, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
    }

    /** The certificate presented: the chain's first. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** Whether {@code now} lies past the certificate's notAfter (which is itself still valid, RFC 5280 4.1.2.5). */
    public boolean expiredAt(Instant now) {
        return now.isAfter(notAfter());
    }

    public boolean notYetValidAt(Instant now) {
        return now.isBefore(notBefore());
    }

    /** For a log line: {@code valid from 2026-12-01T08:00:00Z to 2027-03-01T08:00:00Z}. */
    public String validity() {
        return "valid from " + notBefore() + " to " + notAfter();
    }

    /** For a log line: the subject and when it expires, e.g. {@code CN=orderly, valid until 2027-01-31T08:00:00Z}. */
    public String describe() {
        return certificate().getSubjectX500Principal().getName() + ", valid until " + certificate().getNotAfter().toInstant();
    }
}
