package org.orderly.gateway.kura;

import java.lang.reflect.Array;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.text.OneLine;

/**
 * The settings of Kura's form ({@link GatewaySettings}) as the component is given them: from the form, from Kura's
 * cloud connection or from any ConfigAdmin client, so checked here for what DS's conversion would let through
 * ({@code enabled = "yes"} read as false, a number as a path). Every problem is one line naming the setting and the
 * value. Disabled, nothing else is read: the gateway stops whatever the other settings say.
 *
 * @param devicesDir the installer's own register maps, read before those carried in the bundle; empty: the
 *                   {@code devices} directory beside the configuration file, when there is one
 */
record FormSettings(boolean enabled, Path configFile, Optional<Path> devicesDir) {
    static final String ENABLED = "enabled";
    static final String CONFIG_FILE = "configFile";
    static final String DEVICES_DIR = "devicesDir";
    private static final String CONFIG_HINT = "give the absolute path of the gateway's YAML configuration, e.g. "
            + "/opt/orderly/orderly.yaml";
    private static final String DEVICES_HINT = "give the absolute path of a directory of register maps of your own, or"
            + " leave it empty for the devices directory beside configFile";

    /** The settings in {@code properties}; {@link ConfigurationRejected} with every problem found. */
    static FormSettings read(Map<String, ?> properties) throws ConfigurationRejected {
        List<String> problems = new ArrayList<>();
        Boolean enabled = enabled(properties.get(ENABLED), problems);
        if (Boolean.FALSE.equals(enabled)) {
            return new FormSettings(false, null, Optional.empty());
        }
        Path config = path(CONFIG_FILE, properties.get(CONFIG_FILE), CONFIG_HINT, problems);
        Object devices = properties.get(DEVICES_DIR);
        Path devicesDir = devices == null || devices instanceof String s && s.isBlank() ? null
                : path(DEVICES_DIR, devices, DEVICES_HINT, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationRejected(problems);
        }
        return new FormSettings(true, config, Optional.ofNullable(devicesDir));
    }

    /** True when absent (the form's default); Kura's form gives a Boolean, a ConfigAdmin file may give the words. */
    private static Boolean enabled(Object value, List<String> problems) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s.strip());
        }
        problems.add(ENABLED + " " + shown(value) + ": must be true or false");
        return null;
    }

    private static Path path(String setting, Object value, String hint, List<String> problems) {
        if (value == null || value instanceof String s && s.isBlank()) {
            problems.add(setting + ": not set; " + hint);
            return null;
        }
        if (!(value instanceof String text)) {
            problems.add(setting + " " + shown(value) + ": must be text; " + hint);
            return null;
        }
        // Every later message names the path (the file's problems as FILE:LINE:COLUMN): refused here, none says it raw.
        if (!OneLine.of(text).equals(text)) {
            problems.add(setting + " " + shown(value) + ": not a path (a control character or line separator in it); "
                    + hint);
            return null;
        }
        // Pasted with a space before it, it would be "not an absolute path"; after it, a file that does not exist,
        // named unquoted with the space unseen. The value quoted shows it.
        if (!text.strip().equals(text)) {
            problems.add(setting + " " + shown(value) + ": a space at its start or end (pasted with it?); " + hint);
            return null;
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            problems.add(setting + " " + shown(value) + ": not a path (" + e.getReason() + "); " + hint);
            return null;
        }
        // Relative to what? Kura's working directory is nothing an installer chooses.
        if (!path.isAbsolute()) {
            problems.add(setting + " " + shown(value) + ": not an absolute path; " + hint);
            return null;
        }
        return path;
    }

    /**
     * A value as given: text quoted, anything else with its type, as DS would not have told it from text; on one line
     * (remote input: until 2026-12-03 a line break in a value started a log line of its own).
     */
    static String shown(Object value) {
        return OneLine.of(unescaped(value));
    }

    private static String unescaped(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return items + " (" + value.getClass().getComponentType().getSimpleName() + "[])";
        }
        return value + " (" + value.getClass().getSimpleName() + ")";
    }
}
