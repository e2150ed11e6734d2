package org.orderly.bridge.testing;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock board's digital inputs for a bridge in a child JVM, driven by files: input pin {@code N} reads what the file
 * {@code pin-N} in the directory says, {@code high} or {@code low} ({@code low} when there is no file), or throws while
 * it says {@code broken}. The file is read when the input is made, so the bridge's first read already sees it, and
 * every 20 ms after, on a daemon thread; a change is put on the input as a pin's change is (its listeners are told),
 * and said in the log ({@code board: input 22 HIGH}).
 */
public final class BoardPins extends ScriptedInputs {
    private static final Logger LOG = LoggerFactory.getLogger(BoardPins.class);

    private final Path dir;

    public BoardPins(Path dir) {
        this.dir = dir;
    }

    /** The file that drives input {@code pin} in {@code dir}. */
    public static Path file(Path dir, int pin) {
        return dir.resolve("pin-" + pin);
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        Input input = (Input) super.create(config);
        int pin = config.address().intValue();
        Path file = file(dir, pin);
        String first = read(file);
        if (!apply(pin, input, first)) {
            throw new IllegalStateException("board: " + file + " says " + first + ": expected high, low or broken");
        }
        Thread thread = new Thread(() -> {
            String said = first;
            while (true) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                String now = read(file);
                if (!now.equals(said) && apply(pin, input, now)) {
                    said = now;
                }
            }
        }, "board-pin-" + pin);
        thread.setDaemon(true);
        thread.start();
        return input;
    }

    /** Puts {@code said} on the input; false for what is no level (a file being written: read again). */
    private static boolean apply(int pin, Input input, String said) {
        switch (said) {
            case "broken" -> input.breakPin();
            case "high" -> {
                input.mend();
                input.mockState(DigitalState.HIGH);
            }
            case "low" -> {
                input.mend();
                input.mockState(DigitalState.LOW);
            }
            default -> {
                return false;
            }
        }
        LOG.info("board: input {} {}", pin, said.toUpperCase(java.util.Locale.ROOT));
        return true;
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            return "low";
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }
}
