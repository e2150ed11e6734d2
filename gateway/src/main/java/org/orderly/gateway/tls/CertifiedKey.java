package org.orderly.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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

    /** For a log line: the subject and when it expires, e.g. {@code CN=orderly, valid until 2027-01-31T08:00:00Z}. */
    public String describe() {
        return certificate().getSubjectX500Principal().getName() + ", valid until " + certificate().getNotAfter().toInstant();
    }
}
