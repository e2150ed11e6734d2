package org.orderly.gateway.field.dlt645;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.serial.StopBeforePortsClose;

/**
 * A program of one DL/T 645 line, for {@link Dlt645LineStopTest}: polls the transformer meter at 2400 baud, even
 * parity, on the port given ({@code args[0]}) until SIGTERM, whose stop, installed as {@code orderly run}'s is, first
 * waits {@code args[1]} ms (what the gateway's stop spends closing the parts started after the pollers: its page, its
 * control loop, its pile drivers), then closes the line. Says {@code read} at its first reading.
 */
public final class Dlt645LineUntilSigterm {
    private Dlt645LineUntilSigterm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path port = Path.of(args[0]);
        Duration before = Duration.ofMillis(Long.parseLong(args[1]));
        BusTiming timing = new BusTiming(Duration.ofMillis(200), Duration.ofMillis(5), Duration.ofMillis(600), 1,
                Duration.ofMillis(10), Duration.ofMillis(10));
        Dlt645Meter meter = new Dlt645Meter("transformer", new MeterAddress("000000123456"), MeterRole.TRANSFORMER,
                Dlt645Meter.defaultReads(MeterRole.TRANSFORMER));
        AtomicBoolean read = new AtomicBoolean();
        PollListener sayFirstReading = new PollListener() {
            @Override
            public void onReading(Reading reading) {
                if (read.compareAndSet(false, true)) {
                    System.out.println("read");
                }
            }
        };
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645",
                () -> JSerialCommLine.open(new BusEndpoint.Serial(port.toString(), 2400, "even", 8, 1)), timing,
                List.of(meter), new LatestReadings(), sayFirstReading, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL);
        StopBeforePortsClose.install(new Thread(() -> {
            try {
                Thread.sleep(before.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.close();
        }, "line-stop"));
        poller.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
