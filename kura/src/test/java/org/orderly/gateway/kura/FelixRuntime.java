package org.orderly.gateway.kura;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A real Apache Felix framework with Felix SCR, ConfigAdmin and MetaType installed from Maven Central's bundles
 * (target/it-bundles, copied by the pom). The services live in the framework's class space, not the test's, so they
 * are called by their interface's methods looked up by name ({@link #call}).
 */
final class FelixRuntime implements AutoCloseable {
    /**
     * The version Kura 5's target platform exports SLF4J's packages at (its slf4j.api bundle, 1.7.36, logging to
     * log4j 2), the framework offering the test's own SLF4J under that version: the bundle's imports resolve as
     * they would in Kura (an import only SLF4J 2 satisfies resolves here as there: not at all).
     */
    static final String KURA_SLF4J = "1.7.36";
    /** The packages of slf4j-api 1.7.36's bundle, which Kura installs. */
    static final String[] KURA_SLF4J_PACKAGES = {"org.slf4j", "org.slf4j.event", "org.slf4j.spi", "org.slf4j.helpers"};
    final Framework framework;
    final BundleContext context;

    /** A framework on a clean {@code storage}. */
    FelixRuntime(Path storage) throws BundleException, IOException {
        this(storage, true, false);
    }

    /**
     * A framework on a clean {@code storage} with SLF4J's own 1.7.36 bundles (slf4j-api, and slf4j-simple exporting
     * the binding's {@code org.slf4j.impl}, target/it-slf4j, copied by the pom) rather than the test's SLF4J 2
     * offered at 1.7.36: what a library looks up by class name, not by import, is as in Kura (an SLF4J 2 class such
     * as {@code org.slf4j.spi.SLF4JServiceProvider} is not there; slf4j-api 1.7.36 requires
     * {@code org.slf4j.impl}, so Kura's binding exports it as slf4j-simple does here). Its lines go to standard error, as the test's own.
     */
    static FelixRuntime withSlf4jBundles(Path storage) throws BundleException, IOException {
        return new FelixRuntime(storage, true, true);
    }

    /**
     * The framework that ran on {@code storage} started again, as Kura is after a reboot: its bundles, their data
     * areas and ConfigAdmin's configurations as they were left.
     */
    static FelixRuntime restart(Path storage) throws BundleException, IOException {
        return new FelixRuntime(storage, false, false);
    }

    private FelixRuntime(Path storage, boolean clean, boolean slf4jBundles) throws BundleException, IOException {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, clean ? Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT : "none");
        // SLF4J's packages as Kura offers them; here the test's own classes, so the bundle's logs show in its output.
        if (!slf4jBundles) {
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, Stream.of(KURA_SLF4J_PACKAGES)
                    .map(p -> p + ";version=" + KURA_SLF4J).reduce((a, b) -> a + "," + b).orElseThrow());
        }
        props.put("ds.loglevel", "warn");
        framework = new FrameworkFactory().newFramework(props);
        framework.start();
        context = framework.getBundleContext();
        List<Bundle> services = new ArrayList<>();
        List<Path> dirs = slf4jBundles ? List.of(Path.of("target/it-slf4j"), Path.of("target/it-bundles"))
                : List.of(Path.of("target/it-bundles"));
        for (Path dir : dirs) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.sorted().toList()) {
                    services.add(context.installBundle(jar.toUri().toString()));
                }
            }
        }
        for (Bundle b : services) {
            b.start();
        }
    }

    Bundle install(String location, byte[] jar) throws BundleException {
        return context.installBundle(location, new ByteArrayInputStream(jar));
    }

    Bundle install(String location, InputStream jar) throws BundleException {
        return context.installBundle(location, jar);
    }

    /**
     * Refreshes the bundles, as Deployment Admin does after an uninstall or an upgrade: an uninstalled bundle's or an
     * old revision's wiring, and its class loader, are let go. Returns once the framework says it is done.
     */
    void refresh() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the framework's refresh did not end in 30 s");
        }
    }

    /**
     * The service registered under {@code interfaceName} with {@code filter} (may be null), or null. All services,
     * not only those whose package the system bundle shares: the test sees them through reflection anyway.
     */
    Object service(String interfaceName, String filter) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(interfaceName, filter);
        return refs == null ? null : context.getService(refs[0]);
    }

    ServiceReference<?>[] references(String interfaceName, String filter) throws Exception {
        return context.getAllServiceReferences(interfaceName, filter);
    }

    /** Calls {@code method} on {@code target} through the public interface that declares it. */
    static Object call(Object target, String method, Object... args) throws Exception {
        Method m = find(target.getClass(), method, args.length);
        if (m == null) {
            throw new NoSuchMethodException(target.getClass() + " has no interface method " + method + "/" + args.length);
        }
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Method find(Class<?> type, String name, int arity) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                for (Method m : i.getMethods()) {
                    if (m.getName().equals(name) && m.getParameterCount() == arity) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    /** Waits up to {@code timeout} for {@code condition}; true if it came. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }
}
