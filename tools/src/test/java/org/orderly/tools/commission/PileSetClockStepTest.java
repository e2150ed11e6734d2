package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import picocli.CommandLine;
import org.orderly.testkit.SteppedClock;

/**
 * {@code orderly pile set} when NTP steps the wall clock while it waits for the read-back, against a real
 * firmware-bridge on loopback: the read-back is the first status with a lease received after the limit was sent, in
 * elapsed time (the injected ticker), whatever the wall clock says.
 */
class PileSetClockStepTest {
    /** Elapsed time from an origin of its own: a tick is no instant, only the distance between two means anything. */
    private final long origin = System.nanoTime();
    private final Ticker ticker = () -> new Tick(System.nanoTime() - origin - Duration.ofDays(3).toNanos());

    @Test
    void aStepBackJustAfterTheLimitIsSentDoesNotHideTheReadBack() throws Exception {
        SteppedClock clock = new SteppedClock();
        AtomicBoolean stepped = new AtomicBoolean();
        // The bridge takes the lease; before it notifies the driver, NTP sets the gateway's clock back an hour, so
        // every status the driver receives from now on is stamped an hour before the limit was sent.
        try (Bridge b = new Bridge("p10", status -> {
            if (status.leaseExpiry().isPresent() && stepped.compareAndSet(false, true)) {
                clock.step(Duration.ofHours(-1));
            }
        })) {
            b.vehicle.plugIn();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new PileCommand.Set(clock, ticker));
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));

            int exit = cl.execute("13", "--ttl-s", "20", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.port()),
                    "--plain", "--id", "p10");

            assertThat(stepped).as("the clock was stepped back while the command waited").isTrue();
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("set 13 A for 20 s; read back: p10: ").contains("offered 13 A")
                    .contains("limit lease until");
            assertThat(b.pile.status().ampsOffered()).isEqualTo(13.0);
        }
    }
}
