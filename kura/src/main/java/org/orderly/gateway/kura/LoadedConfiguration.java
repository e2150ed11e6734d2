package org.orderly.gateway.kura;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.text.Unreadable;

/**
 * A configuration the gateway can be started from: its YAML file read and validated in full, as
 * {@code orderly check-config} does, against its register maps. Loading starts nothing, so a configuration the
 * gateway would reject is refused while the running gateway goes on.
 */
record LoadedConfiguration(Path file, Path devices, GatewayConfig config) {

    /** Where the register maps carried in the bundle are put for the gateway to read. */
    interface ShippedMaps {
        Path copy() throws IOException;
    }

    static LoadedConfiguration load(FormSettings settings, ShippedMaps shipped) throws ConfigurationRejected {
        Path file = settings.configFile();
        Optional<String> badFile = Unreadable.asFile(file).map(Unreadable::text);
        if (badFile.isPresent()) {
            throw new ConfigurationRejected(FormSettings.CONFIG_FILE + " " + file + ": " + badFile.get());
        }
        Path devices = devices(settings.devicesDir(), shipped);
        try {
            return new LoadedConfiguration(file, devices, ConfigLoader.load(file, devices));
        } catch (ConfigException e) {
            throw new ConfigurationRejected(e.problems());
        } catch (IOException e) {
            throw new ConfigurationRejected(FormSettings.CONFIG_FILE + " " + file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path devices(Optional<Path> given, ShippedMaps shipped) throws ConfigurationRejected {
        if (given.isEmpty()) {
            try {
                return shipped.copy();
            } catch (IOException e) {
                throw new ConfigurationRejected(FormSettings.DEVICES_DIR + " empty: the register maps carried in the bundle"
                        + " could not be put in its data area: " + e.getMessage(), e);
            }
        }
        Path dir = given.get();
        Optional<String> bad = Unreadable.asDirectory(dir, "register maps").map(Unreadable::text);
        if (bad.isPresent()) {
            throw new ConfigurationRejected(FormSettings.DEVICES_DIR + " " + dir + ": " + bad.get()
                    + "; leave it empty for the maps carried in the bundle");
        }
        return dir;
    }
}
