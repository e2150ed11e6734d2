package org.orderly.gateway.kura;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import org.osgi.framework.Bundle;

/**
 * The register maps ({@code config/devices}) carried in the bundle under {@code devices/}, copied into the bundle's
 * data area, because the gateway reads maps from a directory. Copied afresh at each start, so an updated bundle brings
 * its updated maps.
 */
final class ShippedRegisterMaps {
    private static final String ROOT = "devices";

    private ShippedRegisterMaps() {
    }

    /** Copies the maps to {@code target} and returns it. */
    static Path copy(Bundle bundle, Path target) throws IOException {
        Enumeration<URL> entries = bundle.findEntries(ROOT, "*.yaml", true);
        if (entries == null) {
            throw new IOException("bundle " + bundle.getSymbolicName() + " carries no register maps under " + ROOT + "/");
        }
        while (entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            String relative = entry.getPath().substring(entry.getPath().indexOf(ROOT + "/") + ROOT.length() + 1);
            Path file = target.resolve(relative).normalize();
            if (!file.startsWith(target)) {
                throw new IOException("register map entry " + entry.getPath() + " points outside " + target);
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = entry.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
