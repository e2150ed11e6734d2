package org.orderly.gateway.kura;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.text.Unreadable;

/**
 * A configuration the gateway can be started from: its YAML file read and validated in full, as
 * {@code orderly check-config} does, against its register maps. Loading starts nothing, so a configuration the
 * gateway would reject is refused while the running gateway goes on.
 *
 * @param maps the installer's own maps (the {@code devicesDir} setting, else {@code devices/} beside the file when
 *             there is one), read before the maps carried in the bundle, as {@code orderly run} reads its own
 */
record LoadedConfiguration(Path file, MapDirs maps, GatewayConfig config) {

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
        MapDirs maps = new MapDirs(own(settings, file), shipped(shipped));
        try {
            return new LoadedConfiguration(file, maps, ConfigLoader.load(file, maps));
        } catch (ConfigException e) {
            throw new ConfigurationRejected(e.problems());
        } catch (IOException e) {
            throw new ConfigurationRejected(FormSettings.CONFIG_FILE + " " + file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path shipped(ShippedMaps shipped) throws ConfigurationRejected {
        try {
            return shipped.copy();
        } catch (IOException e) {
            throw new ConfigurationRejected("the register maps carried in the bundle could not be put in its data area: "
                    + e.getMessage(), e);
        }
    }

    /** {@code devicesDir} when set, else {@code devices/} beside the file when there is one: a directory to list. */
    private static Optional<Path> own(FormSettings settings, Path file) throws ConfigurationRejected {
        if (settings.devicesDir().isPresent()) {
            Path dir = settings.devicesDir().get();
            Optional<String> bad = Unreadable.asDirectory(dir, "register maps").map(Unreadable::text);
            if (bad.isPresent()) {
                throw new ConfigurationRejected(FormSettings.DEVICES_DIR + " " + dir + ": " + bad.get()
                        + "; leave it empty for the devices directory beside " + FormSettings.CONFIG_FILE
                        + " and the maps carried in the bundle");
            }
            return Optional.of(dir);
        }
        Path beside = MapDirs.besideConfig(file);
        if (!Files.exists(beside)) {
            return Optional.empty();
        }
        Optional<String> bad = Unreadable.asDirectory(beside, "register maps").map(Unreadable::text);
        if (bad.isPresent()) {
            throw new ConfigurationRejected("devices directory " + beside + " beside " + FormSettings.CONFIG_FILE + " "
                    + file + ": " + bad.get() + "; make it a directory of .yaml maps of your own (read before the maps"
                    + " carried in the bundle), or remove it");
        }
        return Optional.of(beside);
    }
}
