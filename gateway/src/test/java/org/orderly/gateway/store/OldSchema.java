package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A store's schema as an older gateway left it, for a test of what a newer one makes of that store. */
public final class OldSchema {
    private OldSchema() {
    }

    /** Migrations 1 to {@code version} run on {@code c}, as {@link Migrations} ran them, each recorded at {@code at}. */
    public static void upTo(Connection c, int version, Instant at) throws SQLException {
        Migrations.apply(c, Clock.fixed(at, ZoneOffset.UTC), Migrations.ALL.subList(0, version));
    }
}
