package org.orderly.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.text.Count;

/**
 * The gateway configuration a command was given, loaded as the gateway loads it. When it cannot be used, every
 * reason is one line on {@code err} (a directory of register maps or a file that is missing, of the wrong kind or
 * unreadable, named with its option; each problem in the file as {@code file:line:column: what; hint}) and the command
 * exits 2.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * Empty when the configuration given as {@code option} (e.g. {@code --config}) to {@code command} (e.g.
     * {@code orderly run}, which starts a line about the option or the devices directory as every refusal does; a
     * problem in the file is {@code file:line:column} alone) cannot be used; {@code err} has said why.
     */
    public static Optional<GatewayConfig> load(String command, String option, Path file, DevicesOption devices,
            PrintWriter err) {
        return load(command, option, file, devices, err, false, true);
    }

    /**
     * As {@link #load(String, String, Path, DevicesOption, PrintWriter)} without the INFO line that it loaded: the
     * command says that with {@link ConfigLoader#sayLoaded} once it has checked what else it needs (orderly demo: its
     * ports).
     */
    public static Optional<GatewayConfig> read(String command, String option, Path file, DevicesOption devices,
            PrintWriter err) {
        return load(command, option, file, devices, err, false, false);
    }

    /**
     * As {@link #load(String, String, Path, DevicesOption, PrintWriter)}, {@code command} null for lines that start
     * with the file, {@code option} null for a file given as a parameter; with {@code countProblems}, a last line says
     * how many there were ({@code FILE: N problems}: check-config's and selftest's).
     */
    public static Optional<GatewayConfig> load(String command, String option, Path file, DevicesOption devices,
            PrintWriter err, boolean countProblems) {
        return load(command, option, file, devices, err, countProblems, true);
    }

    private static Optional<GatewayConfig> load(String command, String option, Path file, DevicesOption devices,
            PrintWriter err, boolean countProblems, boolean sayLoaded) {
        String prefix = command == null ? "" : command + ": ";
        MapDirs maps = devices.maps(file);
        Optional<String> badDevices = devices.problem(maps);
        if (badDevices.isPresent()) {
            err.println(prefix + badDevices.get());
            return Optional.empty();
        }
        String named = prefix + (option == null ? file.toString() : option + " " + file);
        Optional<String> badFile = InputFiles.fileProblem(file);
        if (badFile.isPresent()) {
            err.println(named + ": " + badFile.get());
            return Optional.empty();
        }
        try {
            return Optional.of(sayLoaded ? ConfigLoader.load(file, maps) : ConfigLoader.read(file, maps));
        } catch (NoSuchFileException e) {
            err.println(named + ": no such file");
        } catch (IOException e) {
            err.println(named + ": cannot be read: " + e.getMessage());
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            if (countProblems) {
                err.println(file + ": " + Count.of(e.problems().size(), "problem"));
            }
        }
        return Optional.empty();
    }
}
