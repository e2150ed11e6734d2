package org.orderly.gateway.upstream.link;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;

/** A username and the file holding its password (read at each connect, so it can be rotated; never logged). */
public record BrokerLogin(String username, Path passwordFile) {
    public BrokerLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }

    /**
     * The password as the file holds it now, for one CONNECT (the gateway's link and selftest's check alike). A fault
     * of the file is TextFile's one line naming it, not "Input length = 1".
     */
    byte[] password() throws TextFileException {
        return TextFile.stripped(passwordFile).getBytes(StandardCharsets.UTF_8);
    }
}
