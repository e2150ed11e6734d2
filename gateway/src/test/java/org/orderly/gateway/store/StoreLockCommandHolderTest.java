package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;

/**
 * A gateway refused its store while a command holds it ({@link StoreLock#probe}'s shared lock: {@code orderly selftest}
 * through its broker connection) is told so, and to start again once that has ended; the pid in the lock file is an
 * earlier gateway's, which the command did not write. Until 2026-12-07 that pid was named as "another gateway" to stop
 * (a process that was not there). The taking gateway is a second JVM ({@link Taker}): in one JVM the two locks would
 * clash in Java's own table before the kernel's.
 */
@Timeout(120)
class StoreLockCommandHolderTest {
    @TempDir
    Path dir;

    @Test
    void aGatewayRefusedWhileACommandHoldsTheStoreIsToldSoNotThePidOfAGatewayGone() throws Exception {
        Path store = dir.resolve("orderly.db");
        Files.writeString(StoreLock.fileOf(store), "999999\n");
        try (StoreLock.Probe command = StoreLock.probe(store)) {
            assertThat(command.holder()).as("no gateway holds it").isEmpty();

            assertThat(takeInAnotherJvm(store)).contains("refused: store " + store + " is held for a moment by another "
                    + "command, not a gateway (such as orderly selftest, while it connects to the broker); start this gateway"
                    + " again once that has ended (under systemd it restarts by itself)").doesNotContain("999999");
        }
    }

    /** A pid that runs (here this JVM's, which took the store before) is no better a sign of a gateway holding it. */
    @Test
    void aRunningPidInTheFileIsNotTakenForTheHolder() throws Exception {
        Path store = dir.resolve("orderly.db");
        StoreLock.take(store).close();
        try (StoreLock.Probe command = StoreLock.probe(store)) {
            assertThat(takeInAnotherJvm(store)).contains("is held for a moment by another command, not a gateway")
                    .doesNotContain("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aGatewayInAnotherProcessIsNamedByItsPid() throws Exception {
        Path store = dir.resolve("orderly.db");
        try (ChildProcess gateway = ChildProcess.startJava("a gateway", dir, List.of(), Taker.class.getName(),
                List.of(store.toString(), "hold"), dir.resolve("gateway.log"))) {
            gateway.awaitLog("taken", Duration.ofSeconds(60));
            assertThatThrownBy(() -> StoreLock.take(store)).isInstanceOf(StoreException.class).hasMessage("store " + store
                    + " is in use by another gateway (pid " + gateway.pid() + "); one gateway per store: stop that one "
                    + "first (systemctl stop orderly), or give this one a store.path of its own");
        }
    }

    private String takeInAnotherJvm(Path store) throws Exception {
        try (ChildProcess taker = ChildProcess.startJava("a gateway", dir, List.of(), Taker.class.getName(),
                List.of(store.toString(), "once"), dir.resolve("taker.log"))) {
            assertThat(taker.awaitExit(Duration.ofSeconds(60))).as(taker.log()).isZero();
            return taker.log();
        }
    }

    /** A gateway's lock of its store in a process of its own: taken {@code once}, or held ({@code hold}) until killed. */
    public static final class Taker {
        private Taker() {
        }

        public static void main(String[] args) throws InterruptedException {
            try (StoreLock lock = StoreLock.take(Path.of(args[0]))) {
                System.out.println("taken");
                System.out.flush();
                if ("hold".equals(args[1])) {
                    Thread.sleep(Duration.ofMinutes(5).toMillis());
                }
            } catch (StoreException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
