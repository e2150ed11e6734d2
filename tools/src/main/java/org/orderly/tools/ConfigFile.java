package org.orderly.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;

/**
 * The gateway configuration a command was given, loaded as the gateway loads it. When it cannot be used, every
 * reason is one line on {@code err} (a missing devices directory or file, an unreadable file, each problem as
 * {@code file:line:column: what; hint}) and the command exits 2.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Empty when the configuration cannot be used; {@code err} has said why. */
    public static Optional<GatewayConfig> load(Path file, Path devices, PrintWriter err) {
        return load(file, devices, err, false);
    }

    /** As {@link #load(Path, Path, PrintWriter)}; with {@code countProblems}, a last line says how many there were. */
    static Optional<GatewayConfig> load(Path file, Path devices, PrintWriter err, boolean countProblems) {
        if (!Files.isDirectory(devices)) {
            err.println(devices + ": no such directory of register maps; give --devices DIR (config/devices in the repository)");
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigLoader.load(file, devices));
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (IOException e) {
            err.println(file + ": cannot be read: " + e.getMessage());
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            if (countProblems) {
                err.println(file + ": " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
            }
        }
        return Optional.empty();
    }
}
