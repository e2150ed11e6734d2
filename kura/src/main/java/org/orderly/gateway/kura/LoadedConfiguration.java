package org.orderly.gateway.kura;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;

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
        Optional<String> badFile = fileProblem(file);
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
        Optional<String> bad = directoryProblem(dir);
        if (bad.isPresent()) {
            throw new ConfigurationRejected(FormSettings.DEVICES_DIR + " " + dir + ": " + bad.get()
                    + "; leave it empty for the maps carried in the bundle");
        }
        return dir;
    }

    /** As {@code orderly check-config} words a missing, wrong or unreadable file. */
    private static Optional<String> fileProblem(Path file) {
        if (!Files.exists(file)) {
            return Optional.of("no such file");
        }
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("cannot be read (permission denied)");
        }
        return Optional.empty();
    }

    /** As {@code orderly check-config} words its {@code --devices} directory. */
    private static Optional<String> directoryProblem(Path dir) {
        if (!Files.exists(dir)) {
            return Optional.of("no such directory of register maps");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("is a file, not a directory of register maps");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return Optional.of("directory of register maps cannot be read (permission denied)");
        }
        return Optional.empty();
    }
}
