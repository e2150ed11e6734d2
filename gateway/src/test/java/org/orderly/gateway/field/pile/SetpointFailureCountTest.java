package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.testkit.Await;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * A pile driver counts its failed sendings of a limit ({@link PileDriver#setpointFailures}, the page's
 * {@code orderly_pile_setpoint_failures_total}), on its own thread: a Modbus pile on 127.0.0.1 that answers its status
 * reads but refuses every register write (exception 02, illegal data address, as a pile whose map names a register
 * it does not have) counts each refused limit, and the status reads it answers count nothing; a pile that takes its
 * writes counts none.
 */
class SetpointFailureCountTest {
    private static final int UNIT = 7;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void eachRefusedLimitIsCountedAndATakenOneIsNot() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ScriptedModbusTcp refusing = new ScriptedModbusTcp((r, out) -> answer(r, out, false))) {
            ModbusPileDriver driver = ModbusPileDriver.start(config("M1", refusing.port()), listener, Clock.systemUTC());
            try (driver) {
                assertThat(driver.setpointFailures()).isZero();
                driver.offer(16.0);
                Await.untilSeeing("the refused limit counted", PATIENCE, () -> driver.setpointFailures() >= 1,
                        () -> listener.failures);
                driver.offer(10.0);
                Await.untilSeeing("the second refused limit counted", PATIENCE, () -> driver.setpointFailures() >= 2,
                        () -> listener.failures);
                Await.untilSeeing("its status read", PATIENCE, () -> driver.latest().isPresent(), () -> listener.failures);
            }
            // The driver's thread counts a refusal, then tells the listener, and its lease refreshes go on sending:
            // the two agree once that thread has ended, which close waits for.
            assertThat(listener.has(PileFailureKind.REJECTED)).as("%s", listener.failures).isTrue();
            assertThat(driver.setpointFailures()).as("only the writes' failures: %s", listener.failures)
                    .isEqualTo(listener.failures.stream().filter(f -> f.operation().startsWith("write ")).count());
        }
        RecordingListener quiet = new RecordingListener();
        try (ScriptedModbusTcp taking = new ScriptedModbusTcp((r, out) -> answer(r, out, true));
             ModbusPileDriver driver = ModbusPileDriver.start(config("M2", taking.port()), quiet, Clock.systemUTC())) {
            driver.offer(16.0);
            Await.untilSeeing("the limit taken", PATIENCE, () -> driver.acknowledges(16.0), () -> quiet.failures);
            assertThat(driver.setpointFailures()).isZero();
        }
    }

    private static ModbusPileConfig config(String id, int port) throws Exception {
        return ModbusPileConfig.of(id, new BusEndpoint.Tcp("127.0.0.1", port), UNIT, PileMaps.generic());
    }

    /** Reads answered with 3 in every register (state.code 3 is in the generic map's states); writes as told. */
    private static void answer(ScriptedModbusTcp.Request r, OutputStream out, boolean takesWrites) throws IOException {
        if (r.function() == 3 || r.function() == 4) {
            int[] words = new int[r.count()];
            Arrays.fill(words, 3);
            out.write(r.reply(words));
        } else if (takesWrites) {
            out.write(r.echo(r.transaction(), r.unit()));
        } else {
            out.write(new byte[] {(byte) (r.transaction() >> 8), (byte) r.transaction(), 0, 0, 0, 3, (byte) r.unit(),
                (byte) (r.function() | 0x80), 0x02});
        }
    }
}
