package org.orderly.gateway.kura;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sqlite-jdbc driver's place in {@link DriverManager}, which outlives the bundle. DriverManager finds
 * drivers with the system class loader's ServiceLoader, which cannot see a jar embedded in a bundle, so the driver is
 * registered from here, and DriverManager allows it to the store's class loader, the bundle's. It holds every driver
 * registered until the JVM exits: one left there after an uninstall or upgrade keeps the old bundle's class loader
 * (its embedded jars, its loaded classes, its copy of SQLite's native library) reachable, one more at each upgrade.
 * DriverManager answers and deregisters as its caller's class loader sees, so both are called from this class.
 */
final class SqliteDriver {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDriver.class);
    /**
     * The components of this class loader that registered and have not ended: a bundle stopped and started again on
     * the same class loader activates a new component while the old one's abandoned start may still be returning, and
     * the old one's end must not take the driver from the new one.
     */
    private static final Set<Object> HOLDERS = Collections.newSetFromMap(new IdentityHashMap<>());

    private SqliteDriver() {
    }

    /**
     * Registers the driver for {@code holder} unless one of this bundle's is. Loading {@code org.sqlite.JDBC} registers
     * it only once per class loader; after {@link #release} (the component ended, the bundle stopped and started again
     * on the same class loader) a new instance is registered.
     */
    static synchronized void register(Object holder) {
        HOLDERS.add(holder);
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the bundle lacks the embedded sqlite-jdbc driver", e);
        }
        SqliteNativeCopy.loadAndRemove();
        if (own().isEmpty()) {
            try {
                DriverManager.registerDriver(new org.sqlite.JDBC());
            } catch (SQLException e) {
                throw new IllegalStateException("the embedded sqlite-jdbc driver could not be registered", e);
            }
        }
    }

    /** {@code holder} ended: once no component of this class loader holds the driver, it is deregistered. */
    static synchronized void release(Object holder) {
        HOLDERS.remove(holder);
        if (HOLDERS.isEmpty()) {
            deregisterOwn();
        }
    }

    /**
     * Deregisters the drivers this bundle's class loader registered, so that nothing outside keeps it. The driver class
     * is loaded first: DriverManager lists to a caller only the drivers its class loader loads by the same name
     * ({@code Class.forName(name, true, caller's loader)}), so with another sqlite-jdbc's driver registered (Kura's,
     * or the class path's) the listing itself loads this bundle's {@code org.sqlite.JDBC}, whose static initializer
     * registers one more, after the list was taken. A component that ended without starting a gateway (its start
     * abandoned at the bundle's stop, or every configuration refused) left that one behind, and with it the bundle.
     */
    private static void deregisterOwn() {
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the bundle lacks the embedded sqlite-jdbc driver", e);
        }
        for (Driver driver : own()) {
            try {
                DriverManager.deregisterDriver(driver);
            } catch (SQLException e) {
                LOG.warn("the bundle's JDBC driver {} could not be deregistered; its class loader stays reachable"
                        + " until the JVM exits: {}", driver.getClass().getName(), e.getMessage());
            }
        }
    }

    /** The drivers registered whose class this bundle's class loader defined (an embedded jar's). */
    private static List<Driver> own() {
        ClassLoader bundle = SqliteDriver.class.getClassLoader();
        List<Driver> own = new ArrayList<>();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == bundle) {
                own.add(driver);
            }
        }
        return own;
    }
}
