package org.orderly.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Stub. */
public final class StoreWatch implements AutoCloseable {
    public static final String EVENT = "store.damaged";

    private StoreWatch() {
    }

    public static StoreWatch start(Database database, Clock clock, Duration every, Consumer<StoreEvent> said) {
        return new StoreWatch();
    }

    public long checks() {
        return 0;
    }

    @Override
    public void close() {
    }
}
