package org.orderly.gateway.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The device a serial port's name reaches, so that one adapter named two ways (its stable link under
 * /dev/serial/by-id/ and the /dev/ttyUSB0 the link points to) is one port. Only looked at, never opened.
 */
final class SerialDevice {
    private SerialDevice() {
    }

    /**
     * The real path of {@code port} where it exists on this machine, else the name with {@code .} and {@code ..}
     * taken out (check-config run on another machine than the gateway: the names are all there is to compare).
     */
    static String of(String port) {
        Path path;
        try {
            path = Path.of(port);
        } catch (InvalidPathException e) {
            return port;  // not a path this machine can name: compared as written, as the port will be opened
        }
        if (Files.exists(path)) {
            try {
                return path.toRealPath().toString();
            } catch (IOException e) {
                // A link in a directory this user may not read: compared by its name, as on another machine.
                return path.normalize().toString();
            }
        }
        return path.normalize().toString();
    }
}
