package org.orderly.gateway.app.config;

import java.nio.file.Path;

/** The SQLite file (relative paths are resolved against the configuration file's directory) and how long rows are kept. */
public record StoreConfig(Path path, int retentionDays) {
}
