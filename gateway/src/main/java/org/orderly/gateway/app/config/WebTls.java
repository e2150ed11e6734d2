package org.orderly.gateway.app.config;

import java.nio.file.Path;

/** The local page's HTTPS: its certificate (chain) and unencrypted private key, PEM files. */
public record WebTls(Path certFile, Path keyFile) {
}
