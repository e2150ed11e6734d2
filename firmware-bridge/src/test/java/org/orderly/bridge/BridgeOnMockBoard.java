package org.orderly.bridge;

import java.nio.file.Path;
import java.util.Optional;
import org.orderly.bridge.testing.MockBoard;
import picocli.CommandLine;

/**
 * {@link BridgeMain} as {@code main} runs it, its {@code --gpio} on Pi4J's mock board ({@link MockBoard}): for a test
 * that runs the bridge in a child JVM and stops it. The system property {@code board.holdAtFirstRelayClose} names a
 * named pipe the relay's first closing waits on.
 */
public final class BridgeOnMockBoard {
    private BridgeOnMockBoard() {
    }

    public static void main(String[] args) {
        Optional<Path> hold = Optional.ofNullable(System.getProperty("board.holdAtFirstRelayClose")).map(Path::of);
        System.exit(OneLineErrors.on(new CommandLine(new BridgeMain(() -> MockBoard.context(hold)))).execute(args));
    }
}
