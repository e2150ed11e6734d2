package org.orderly.gateway.kura;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A Kura deployment package (.dp) as the OSGi Deployment Admin reads it: a stream whose manifest comes first, then
 * the bundles, each named in a manifest section with its symbolic name and version.
 */
record DeploymentPackage(Manifest manifest, Map<String, byte[]> bundles) {

    static DeploymentPackage read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new IOException(file + ": the manifest is not the first entry");
            }
            Map<String, byte[]> bundles = new LinkedHashMap<>();
            for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    bundles.put(e.getName(), jar.readAllBytes());
                }
            }
            return new DeploymentPackage(manifest, bundles);
        }
    }

    String header(String name) {
        return manifest.getMainAttributes().getValue(name);
    }

    Attributes section(String entry) {
        return manifest.getAttributes(entry);
    }
}
