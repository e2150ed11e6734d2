package org.orderly.gateway.upstream.link;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How the connection to the broker is protected: TLS (the default) or, only when configured so, plaintext. */
public sealed interface Transport {

    /** No encryption: a lab broker on {@code tcp://}; never the default. */
    record Plaintext() implements Transport {
    }

    /**
     * TLS, the broker's certificate verified against {@code caFile} (PEM; the JDK's trust store when absent) and its
     * host name checked; optionally the gateway's own certificate and PEM private key for mutual TLS.
     */
    record Tls(Optional<Path> caFile, Optional<ClientCertificate> client) implements Transport {
        public Tls {
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(client, "client certificate");
        }

        public static Tls withCa(Path caFile) {
            return new Tls(Optional.of(caFile), Optional.empty());
        }

        /**
         * The files for a log line, each after the name the operator gave it ({@code tls.caFile}, {@code --ca}): e.g.
         * {@code tls.caFile /etc/orderly/ca.pem, tls.clientCert ..., tls.clientKey ...}.
         */
        public String files(String caName, String certName, String keyName) {
            List<String> named = new ArrayList<>();
            caFile.ifPresent(ca -> named.add(caName + " " + ca));
            client.ifPresent(c -> {
                named.add(certName + " " + c.certFile());
                named.add(keyName + " " + c.keyFile());
            });
            return String.join(", ", named);
        }
    }

    /** The gateway's certificate chain and private key, both PEM files. */
    record ClientCertificate(Path certFile, Path keyFile) {
        public ClientCertificate {
            Objects.requireNonNull(certFile, "client certFile");
            Objects.requireNonNull(keyFile, "client keyFile");
        }
    }
}
