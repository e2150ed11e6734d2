package org.orderly.gateway.kura;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.orderly.gateway.files.AtomicFile;
import org.orderly.text.TextFile;

/**
 * The form's settings the gateway last started from, kept in a file of the bundle's data area: ConfigAdmin keeps what
 * the form saved, refused or not, and gives it again at every start of the bundle or the framework, so the last good
 * settings must be kept elsewhere to be started from then. The settings only, not a copy of the YAML file they name:
 * what runs is always the file the operator wrote, as it is. Forgotten when the operator disables the gateway or
 * deletes its configuration.
 */
final class LastGood {
    private static final String TAKEN = "taken";

    private final Path file;

    LastGood(Path file) {
        this.file = file;
    }

    /** Settings the gateway started from, and when. */
    record Kept(FormSettings settings, Instant taken) {
        /** As the log says it: {@code configFile /opt/orderly/orderly.yaml (taken 2026-12-02T08:40:00Z)}. */
        String described() {
            return FormSettings.CONFIG_FILE + " " + settings.configFile()
                    + settings.devicesDir().map(d -> ", " + FormSettings.DEVICES_DIR + " " + d).orElse("")
                    + " (taken " + taken + ")";
        }
    }

    Path file() {
        return file;
    }

    /**
     * The kept settings; empty when none are kept. An IOException names the file and what is wrong with it ({@link
     * org.orderly.text.TextFileException} when it is not text).
     */
    Optional<Kept> read() throws IOException {
        // As text: a file a power cut left full of zeros, or one edited in Latin-1, is said what and where, not read as
        // a key of zeros ("configFile: not set") or "Input length = 1".
        Optional<String> text = TextFile.ifThere(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text.get()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a properties file: " + e.getMessage(), e);
        }
        try {
            FormSettings settings = FormSettings.read(Map.of(FormSettings.CONFIG_FILE,
                    p.getProperty(FormSettings.CONFIG_FILE, ""), FormSettings.DEVICES_DIR,
                    p.getProperty(FormSettings.DEVICES_DIR, "")));
            return Optional.of(new Kept(settings, Instant.parse(p.getProperty(TAKEN, ""))));
        } catch (ConfigurationRejected e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (DateTimeException e) {
            throw new IOException(file + ": " + TAKEN + " '" + p.getProperty(TAKEN, "") + "' is not a time", e);
        }
    }

    /** Keeps {@code settings}, which the gateway has started from: written whole or not at all. */
    void keep(FormSettings settings, Instant taken) throws IOException {
        Properties p = new Properties();
        p.setProperty(FormSettings.CONFIG_FILE, settings.configFile().toString());
        p.setProperty(FormSettings.DEVICES_DIR, settings.devicesDir().map(Path::toString).orElse(""));
        p.setProperty(TAKEN, taken.toString());
        StringWriter text = new StringWriter();
        p.store(text, "The Orderly gateway's last good settings (docs/operations.md, Eclipse Kura)");
        // Forced to the disk and renamed, the directory forced too: a power cut leaves the old file or the new one, never
        // an empty one under the name (until 2026-12-03 it was renamed unforced).
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    /** No settings kept from now on. */
    void forget() throws IOException {
        Files.deleteIfExists(file);
    }
}
