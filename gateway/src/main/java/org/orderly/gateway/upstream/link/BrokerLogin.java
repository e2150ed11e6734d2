package org.orderly.gateway.upstream.link;

import java.nio.file.Path;
import java.util.Objects;

/** A username and the file holding its password (read at each connect, so it can be rotated; never logged). */
public record BrokerLogin(String username, Path passwordFile) {
    public BrokerLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }
}
