package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.AsAnotherUser;
import org.orderly.testkit.LoopbackPorts;

/**
 * {@code ./orderly demo} run by a user who may not write where its data goes (the default {@code orderly-data} in a
 * checkout root made, or a {@code --data} in a directory of another user's) is one line naming the user, the directory
 * and whose it is, exit 2, before anything starts: until 2026-12-07 it said {@code orderly demo: the generated
 * configuration: orderly-data/demo-1.yaml: cannot write (java.nio.file.AccessDeniedException: .../orderly-data)},
 * exit 1. Run as nobody (root is stopped by no mode; {@link AsAnotherUser}), on free loopback ports.
 */
class DemoDataUnwritableTest {
    private static final String PROBE = """
            public class Probe {
                public static void main(String[] args) {
                    org.orderly.tools.OrderlyCommand.main(args);
                }
            }
            """;

    @Test
    @Timeout(180)
    void aDataDirectoryThisUserMayNotMakeIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path checkout = Files.createDirectory(dir.resolve("checkout"));
        Files.setPosixFilePermissions(checkout, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path data = checkout.resolve("orderly-data");
        FreePorts ports = FreePorts.find(1);
        PosixFileAttributes owner = Files.readAttributes(checkout, PosixFileAttributes.class);

        AsAnotherUser.Ran ran = AsAnotherUser.run(Files.createDirectory(dir.resolve("probe")), PROBE,
                AsAnotherUser.thisClassPath(), List.of("demo", "--piles", "1", "--data", data.toString(),
                        "--meter-port", String.valueOf(ports.meterPort()), "--first-pile-port",
                        String.valueOf(ports.firstPilePort()), "--web-port", "0", "--broker-port",
                        String.valueOf(LoopbackPorts.free())));

        String user = AsAnotherUser.root() ? "nobody" : System.getProperty("user.name");
        assertThat(ran.output().lines().filter(l -> !l.startsWith("SLF4J")).toList()).containsExactly("orderly demo:"
                + " --data " + data + ": user " + user + ", who runs this, may not make " + data + " in " + checkout
                + " (r-xr-xr-x " + owner.owner().getName() + ":" + owner.group().getName() + "); give --data a directory"
                + " this user may write");
        assertThat(ran.exit()).isEqualTo(2);
    }
}
