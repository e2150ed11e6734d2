package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Live, where assertions are off, a mistake in an event's arguments must not stop what made the event: the event gets
 * no arguments (it is shown by its text). Tests run with assertions on, so this loads {@link EventArgs} afresh in a
 * class loader that has them off.
 */
class EventArgsLiveTest {

    @Test
    void withAssertionsOffAMistakeGivesAnEventWithoutArguments() throws Exception {
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(entry, e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader live = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            live.setDefaultAssertionStatus(false);
            Class<?> kinds = live.loadClass(EventKind.class.getName());
            Class<?> args = live.loadClass(EventArgs.class.getName());
            assertThat(args.desiredAssertionStatus()).as("assertions in the live loader").isFalse();
            Object webLimit = kinds.getMethod("valueOf", String.class).invoke(null, "WEB_LIMIT");
            Method of = args.getMethod("of", kinds, Object[].class);

            assertThat(of.invoke(null, webLimit, new Object[] {"form", "amps", "who", "li"})).isNull();
            assertThat(of.invoke(null, webLimit, new Object[] {"form", "amps", "by", "li"}).toString())
                    .isEqualTo("{form=amps, by=li}");
        }
    }
}
