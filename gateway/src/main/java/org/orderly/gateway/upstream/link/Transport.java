package org.orderly.gateway.upstream.link;

import java.nio.file.Path;
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
    }

    /** The gateway's certificate chain and private key, both PEM files. */
    record ClientCertificate(Path certFile, Path keyFile) {
        public ClientCertificate {
            Objects.requireNonNull(certFile, "client certFile");
            Objects.requireNonNull(keyFile, "client keyFile");
        }
    }
}
