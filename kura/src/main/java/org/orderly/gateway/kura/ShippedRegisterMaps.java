package org.orderly.gateway.kura;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;

/**
 * The register maps ({@code config/devices}) carried in the bundle under {@code devices/}, copied into the bundle's
 * data area, because the gateway reads maps from a directory. Copied afresh at each start, so an updated bundle brings
 * its updated maps, but never over a copy changed since it was copied; the copies of maps it no longer carries are
 * removed ({@link ShippedMapCopies}).
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
        Map<String, ShippedMapCopies.Carried> carried = new TreeMap<>();
        while (entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            String relative = entry.getPath().substring(entry.getPath().indexOf(ROOT + "/") + ROOT.length() + 1);
            carried.put(relative, entry::openStream);
        }
        ShippedMapCopies.update(target, carried, bundle.getSymbolicName() + " " + bundle.getVersion());
        return target;
    }
}
