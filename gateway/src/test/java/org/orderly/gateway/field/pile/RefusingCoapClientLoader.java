package org.orderly.gateway.field.pile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the pile drivers' classes ({@code org.orderly.gateway.field.pile}) itself, from the test's class path, and
 * cannot load Californium's {@code CoapClient}: as a Kura bundle being upgraded, whose old class loader no longer loads
 * its classes, a driver started there fails with a {@link NoClassDefFoundError} at the first {@code new CoapClient},
 * inside its constructor, after it took its endpoint from the pool. Every other class comes from the test's loader.
 */
final class RefusingCoapClientLoader extends ClassLoader {
    static final String REFUSED = "org.eclipse.californium.core.CoapClient";
    private static final String PILE_PACKAGE = "org.orderly.gateway.field.pile.";

    RefusingCoapClientLoader() {
        super("refusing-CoapClient", RefusingCoapClientLoader.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(REFUSED)) {
            throw new ClassNotFoundException(name + " (refused by the test, as by a bundle being upgraded)");
        }
        if (!name.startsWith(PILE_PACKAGE)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = classFile(name);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(path)) {
            if (in == null) {
                throw new ClassNotFoundException(name + ": no " + path + " on the test's class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
