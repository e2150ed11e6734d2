package org.orderly.bridge;

import java.nio.file.Path;
import java.util.Optional;
import org.orderly.bridge.testing.MockBoard;
import picocli.CommandLine;

/**
 * {@link BridgeMain} as {@code main} runs it, its {@code --gpio} on Pi4J's mock board ({@link MockBoard}): for a test
 * that runs the bridge in a child JVM and stops it. The system property {@code board.holdAtFirstRelayClose} names a
 * named pipe the relay's first closing waits on; {@code board.car} a file naming the car on the control pilot, which
 * the board's SPI reads as the pilot's MCP3008 ({@link org.orderly.bridge.testing.CarOnThePilot}); {@code board.pins} a
 * directory whose files {@code pin-N} drive the board's digital inputs ({@link org.orderly.bridge.testing.BoardPins});
 * {@code board.pwmBroken} a file whose presence breaks the board's PWM.
 */
public final class BridgeOnMockBoard {
    private BridgeOnMockBoard() {
    }

    public static void main(String[] args) {
        Optional<Path> hold = Optional.ofNullable(System.getProperty("board.holdAtFirstRelayClose")).map(Path::of);
        Optional<Path> car = Optional.ofNullable(System.getProperty("board.car")).map(Path::of);
        Optional<Path> pins = Optional.ofNullable(System.getProperty("board.pins")).map(Path::of);
        Optional<Path> pwmBroken = Optional.ofNullable(System.getProperty("board.pwmBroken")).map(Path::of);
        System.exit(OneLineErrors.on(new CommandLine(new BridgeMain(() -> MockBoard.context(hold, car, pins,
                pwmBroken))))
                .execute(args));
    }
}
