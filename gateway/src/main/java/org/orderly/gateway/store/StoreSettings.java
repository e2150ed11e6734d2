package org.orderly.gateway.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the store lives and how it behaves: the SQLite file, how long rows are kept, the write queue's
 * capacity and how often the writer closes finished minutes and runs the retention job.
 */
public record StoreSettings(Path file, Retention retention, int queueCapacity, Duration tickEvery, Duration retentionEvery) {
    public StoreSettings {
        Objects.requireNonNull(file, "store file");
        Objects.requireNonNull(retention, "retention");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("store queueCapacity must be >= 1, got " + queueCapacity);
        }
    }

    /** 10 000 queued writes, minutes closed every 5 s, retention hourly. */
    public static StoreSettings of(Path file, int retentionDays) {
        return new StoreSettings(file, Retention.days(retentionDays), 10_000, Duration.ofSeconds(5), Duration.ofHours(1));
    }
}
