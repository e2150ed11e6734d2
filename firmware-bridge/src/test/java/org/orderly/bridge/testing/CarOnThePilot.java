package org.orderly.bridge.testing;

import com.pi4j.io.pwm.Pwm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A car at the end of the mock board's control pilot, for a bridge in a child JVM: what the file says ({@code
 * unplugged}, {@code plugged}, {@code spi-broken} for a converter that fails, or {@code held} for one whose conversions
 * wait until the file says another) is read every 20 ms and put on the
 * {@link ScriptedMcp3008}. Plugged in, the car is in C while the board's PWM offers current (10 .. 96 %) and in B
 * otherwise, as a car that wants to charge; its pilot voltage follows the PWM at every moment: the generator's ±12 V
 * through 1 kΩ into the car's 0.7 V diode and 2.74 kΩ (B) or 882 Ω (C); the diode blocks the negative part.
 */
public final class CarOnThePilot {
    private static final Logger LOG = LoggerFactory.getLogger(CarOnThePilot.class);
    private static final double DIODE_VOLTS = 0.7;
    private static final double SOURCE_OHMS = 1000;
    private static final double B_OHMS = 2740;
    private static final double C_OHMS = 2740 * 1300 / (2740.0 + 1300);

    private CarOnThePilot() {
    }

    /** Starts a daemon thread that puts the car {@code file} names on {@code adc}, the PWM coming from {@code pwm}. */
    public static void follow(Path file, ScriptedMcp3008 adc, Supplier<Pwm> pwm) {
        String first = read(file);
        put(first, adc, pwm); // before the board is used: a burst at the start reads what the file says
        Thread thread = new Thread(() -> {
            String said = first;
            while (true) {
                String now = read(file);
                if (!now.equals(said)) {
                    said = now;
                    put(now, adc, pwm);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "board-car");
        thread.setDaemon(true);
        thread.start();
    }

    private static void put(String car, ScriptedMcp3008 adc, Supplier<Pwm> pwm) {
        LOG.info("board: car {}", car);
        if (car.equals("spi-broken")) {
            adc.breakBus();
        } else if (car.equals("held")) {
            adc.hold();
        } else {
            adc.line(line(car.equals("plugged"), pwm)).mendBus();
            adc.release();
        }
    }

    /** The pilot line with this car plugged in or not, under the PWM {@code pwm} gives (none yet: standby). */
    public static PilotLine line(boolean plugged, Supplier<Pwm> pwm) {
        return nanos -> {
            Pwm output = pwm.get();
            double duty = output == null ? 100.0 : output.isOn() ? output.getDutyCycle() : 0.0;
            boolean high = Math.floorMod(nanos, PilotLine.PERIOD_NANOS) < PilotLine.PERIOD_NANOS * duty / 100.0;
            if (!high) {
                return -12.0;
            }
            if (!plugged) {
                return 12.0;
            }
            double ohms = duty >= 10.0 && duty <= 96.0 ? C_OHMS : B_OHMS;
            return DIODE_VOLTS + (12.0 - DIODE_VOLTS) * ohms / (ohms + SOURCE_OHMS);
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }
}
