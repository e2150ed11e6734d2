package org.orderly.tools.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.orderly.testkit.ChildProcess;
import org.orderly.tools.OrderlyCommand;

/**
 * {@code orderly} in a JVM of its own, as systemd or an installer runs it (its own exit, the shipped logback.xml),
 * where {@link OrderlyRun}'s in-process run cannot show it: every one a test starts is stopped after the test, passed
 * or failed. A field of the test, {@code @RegisterExtension final OrderlyChild orderly = new OrderlyChild();}.
 */
public final class OrderlyChild implements AfterEachCallback {
    private final List<ChildProcess> started = new ArrayList<>();

    /** {@code orderly ARGS} run in {@code dir}, its output appended to {@code dir/child.log}. */
    public ChildProcess start(Path dir, List<String> args) throws IOException {
        return start(dir, "child.log", args);
    }

    /** {@code orderly ARGS} run in {@code dir}, its output appended to {@code dir/LOG}. */
    public ChildProcess start(Path dir, String log, List<String> args) throws IOException {
        ChildProcess child = ChildProcess.startJava("orderly " + args.get(0), dir, List.of(),
                OrderlyCommand.class.getName(), args, dir.resolve(log));
        started.add(child);
        return child;
    }

    /** The repository's {@code config/devices}, the maps the gateway ships, found above the working directory. */
    public static Path shippedDevices() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("config/devices"))) {
                return d.resolve("config/devices");
            }
        }
        throw new IllegalStateException("config/devices not found above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(ChildProcess::close);
        started.clear();
    }
}
