package org.orderly.gateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.orderly.gateway.core.time.ClockFloor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When this build was made, as Maven wrote it into {@code build.properties} ({@code ${maven.build.timestamp}}, UTC):
 * no clock of a gateway running it can rightly be earlier.
 */
public final class BuildTime {
    private static final Logger LOG = LoggerFactory.getLogger(BuildTime.class);
    private static final String RESOURCE = "build.properties";
    /** Used when the resource was not filtered (an IDE's build): a day this code already existed. */
    static final Instant FALLBACK = Instant.parse("2026-12-01T00:00:00Z");

    private BuildTime() {
    }

    /** The floor this build sets. */
    public static ClockFloor floor() {
        try (InputStream in = BuildTime.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warn("{} not found beside {}: the clock's floor is {}", RESOURCE, BuildTime.class.getName(), FALLBACK);
                return parse(null);
            }
            Properties p = new Properties();
            p.load(in);
            return parse(p.getProperty("built"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " beside " + BuildTime.class.getName(), e);
        }
    }

    /**
     * The poms' version this build was made as ({@code version} in the same resource), or {@code dev} when the build
     * did not write it (an IDE's build), as {@code orderly --version} says.
     */
    public static String version() {
        try (InputStream in = BuildTime.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " beside " + BuildTime.class.getName(), e);
        }
    }

    /** The floor from the text Maven wrote, {@link #FALLBACK} when it was not filtered or cannot be read. */
    static ClockFloor parse(String built) {
        if (built != null) {
            try {
                return new ClockFloor(Instant.parse(built.trim()), "the time this build was made");
            } catch (DateTimeParseException e) {
                // Not filtered (an IDE's build): the fallback below.
            }
        }
        return new ClockFloor(FALLBACK, "the time this code was written (the build did not say when it was made)");
    }
}
