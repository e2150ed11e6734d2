package org.orderly.bridge;

import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Stub. */
final class SafetyOptions {
    @Option(names = "--rcm-pin")
    Integer rcmPin;
    @Option(names = "--rcm-trip-level", defaultValue = "HIGH")
    DigitalState rcmTripLevel;
    @Option(names = "--relay-feedback-pin")
    Integer feedbackPin;
    @Option(names = "--relay-settle-ms", defaultValue = "200")
    long settleMs;

    Duration settle() {
        return Duration.ofMillis(settleMs);
    }
}
