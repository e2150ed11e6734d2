package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.SocatPair;

/**
 * A request given a timeout shorter than the link's waits only that long for a silent unit, through j2mod, over TCP and
 * RTU against Debian's pymodbus; the next request not given one waits the link's own again. The poller cuts a pile
 * meter's wait to what is left before the transformer read with it.
 */
class RequestTimeoutTest {

    private static final int SERVED = 1;
    private static final int SILENT = 7; // not served: pymodbus does not answer it
    /**
     * Far above the short one, so that a wait cut short and one not cut stay apart by more than a loaded machine adds
     * to either (at a load of 10, a serial wait of 60 ms, kept in tenths, took 158 ms): the test tells them apart, it
     * does not time them.
     */
    private static final Duration LINK_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration SHORT = Duration.ofMillis(60);

    @TempDir
    Path dir;

    @Test
    void overTcp() throws Exception {
        RegisterMap map = DeviceMaps.load("eastron-sdm120");
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(SERVED, map), port);
                J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", port), LINK_TIMEOUT)) {
            assertWaits(link, map, slave);
        }
    }

    @Test
    void overRtu() throws Exception {
        RegisterMap map = DeviceMaps.load("eastron-sdm120");
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                PymodbusSlave slave = PymodbusSlave.rtu(python, dir, new SlaveSpec().serve(SERVED, map), line, 19200);
                J2modLink link = new J2modLink(new BusEndpoint.Serial(line.master.toString(), 19200, "none", 8, 1),
                        LINK_TIMEOUT)) {
            assertWaits(link, map, slave);
        }
    }

    private static void assertWaits(J2modLink link, RegisterMap map, PymodbusSlave slave) throws Exception {
        ReadBlock block = ReadPlanner.plan(map).get(0);
        assertThat(link.read(SERVED, block.function(), block.start(), block.count())).as("slave log: %s", slave.log())
                .hasSize(block.count());
        Duration cut = timed(false, () -> link.read(SILENT, block.function(), block.start(), block.count(), SHORT));
        Duration served = timed(true, () -> link.read(SERVED, block.function(), block.start(), block.count(), SHORT));
        Duration whole = timed(false, () -> link.read(SILENT, block.function(), block.start(), block.count()));
        System.out.printf(link + ": silent unit given %d ms: %d ms; served unit given %d ms: %d ms; silent unit, link's %d ms:"
                + " %d ms%n", SHORT.toMillis(), cut.toMillis(), SHORT.toMillis(), served.toMillis(),
                LINK_TIMEOUT.toMillis(), whole.toMillis());
        assertThat(cut).as("a silent unit given %s: its own wait, not the link's %s", SHORT, LINK_TIMEOUT)
                .isGreaterThanOrEqualTo(SHORT).isLessThan(LINK_TIMEOUT);
        assertThat(served).as("a served unit given %s: answered, %s", SHORT, slave.log()).isLessThan(LINK_TIMEOUT);
        assertThat(whole).as("a silent unit given nothing: the link's own timeout again")
                .isGreaterThanOrEqualTo(LINK_TIMEOUT);
    }

    @FunctionalInterface
    private interface Read {
        int[] read() throws Exception;
    }

    /** How long {@code read} took: answered if {@code answers}, else a TIMEOUT. */
    private static Duration timed(boolean answers, Read read) throws Exception {
        Tick start = Ticker.SYSTEM.now();
        try {
            int[] words = read.read();
            assertThat(answers).as("an answer from a silent unit").isTrue();
            assertThat(words).isNotEmpty();
        } catch (FieldReadException e) {
            assertThat(answers).as("an answer expected, got %s", e.getMessage()).isFalse();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.TIMEOUT);
        }
        return Ticker.SYSTEM.now().since(start);
    }
}
