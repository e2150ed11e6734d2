package org.orderly.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Certificates and keys as installers get them from openssl or a CA: PEM files. Used for the gateway's client
 * certificate towards the grid company's broker and for the local page's HTTPS.
 */
public final class PemFiles {
    /** The password of a key store made here; it never leaves memory. */
    public static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    /** A key store holding {@code keyPem}'s private key under {@code alias}, with {@code certPem}'s chain. */
    public static KeyStore keyStore(String alias, Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(alias, privateKey(keyPem), NO_PASSWORD, certificates(certPem).toArray(new Certificate[0]));
        return keys;
    }

    public static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(pem + " holds no PEM certificate");
            }
            return certs;
        }
    }

    public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new GeneralSecurityException(pem + " holds no unencrypted PEM private key (found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        }
    }
}
