package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LateRtuUnit;
import org.orderly.testkit.ScriptedModbusTcp;
import org.orderly.testkit.SocatPair;

/**
 * A Modbus exception frame is the meter's refusal only when it came from the meter's unit. j2mod throws any unit's as
 * the unit asked's, over RTU and TCP alike; the gateway's ModbusConnection refuses another unit's since the read of
 * 2026-12-07 ({@code LateReplyOfAnotherUnitTest} there), and the bridge's {@link MeterLink} judges it by the same
 * {@code serial.LastReply}. Until 2026-12-07 it was the meter's own: a phase-current request refused by another unit
 * read the meter without its currents, and a refused power request was a refusal that kept the line.
 */
class MeterExceptionOfAnotherUnitTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        deadlines.shutdownNow();
    }

    /**
     * Over TCP, unit 1 answers its power and energy, and its phase-current request is answered by unit 2's exception
     * frame (02, illegal data address): not unit 1 saying it has no currents. The connection is dropped after it, as
     * after any reply that failed (its stream may carry more late replies): the next read connects anew, where a refusal
     * of unit 1's own keeps it.
     */
    @Test
    void anotherUnitsExceptionOverTcpIsNotTheMetersRefusal() throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.address() == MeterModel.PHASE_CURRENT_ADDRESS
                ? exceptionFrame(r.transaction(), 2, r.function())
                : r.reply(ScriptedModbusTcp.Request.float32(r.address() == MeterModel.IMPORT_ENERGY_ADDRESS ? 5.0f : 1000.0f))));
                MeterLink link = new MeterLink(MeterTransport.tcp("127.0.0.1:" + server.port()), TIMEOUT, deadlines)) {
            Throwable thrown = catchThrowable(() -> link.read(MeterModel.SDM120, 1));

            assertThat(thrown).as("unit 1 read, unit 2's exception answering its currents").isInstanceOf(IOException.class)
                    .hasMessageContaining("an exception reply came from unit 2, not unit 1 asked");
            assertThat(server.connections()).as("connections before the next read").isEqualTo(1);

            catchThrowable(() -> link.read(MeterModel.SDM120, 1));
            assertThat(server.connections()).as("connections once the next read asked: the first dropped after unit 2's "
                    + "exception").isEqualTo(2);
        }
    }

    /**
     * Over TCP, unit 2's exception frame comes in one TCP segment with unit 1's energy reply (a TCP-to-RS-485 gateway
     * passing on a late refusal): it is the answer to the currents' request, and not unit 1 saying it has no currents.
     * j2mod reads the socket through a buffer of its own; as first merged on 2026-12-07, counting the socket's bytes,
     * that frame was held there and read from it without a byte off the socket, nothing said whose it was, and the meter
     * was read without its currents ({@code MeterReply[powerW=1000.0, importKwh=1000.0, phaseAmps=[]]}).
     */
    @Test
    void anotherUnitsExceptionInTheSegmentOfTheEnergyReplyIsNotTheMetersRefusal() throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> {
            ByteArrayOutputStream segment = new ByteArrayOutputStream();
            segment.writeBytes(r.reply(ScriptedModbusTcp.Request.float32(r.address() == MeterModel.PHASE_CURRENT_ADDRESS
                    ? 6.0f : 1000.0f)));
            if (r.address() == MeterModel.IMPORT_ENERGY_ADDRESS) {
                segment.writeBytes(exceptionFrame(0, 2, 4));
            }
            out.write(segment.toByteArray());
        });
                MeterLink link = new MeterLink(MeterTransport.tcp("127.0.0.1:" + server.port()), TIMEOUT, deadlines)) {
            Throwable thrown = catchThrowable(() -> link.read(MeterModel.SDM120, 1));

            assertThat(thrown).as("unit 1 read, unit 2's exception come with its energy").isInstanceOf(IOException.class)
                    .hasMessageContaining("an exception reply came from unit 2, not unit 1 asked");
        }
    }

    /** Unit 1's own refusal of its currents is its answer: the meter read without them, the connection kept. */
    @Test
    void theMetersOwnRefusalOverTcpKeepsTheConnection() throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.address() == MeterModel.PHASE_CURRENT_ADDRESS
                ? exceptionFrame(r.transaction(), r.unit(), r.function())
                : r.reply(ScriptedModbusTcp.Request.float32(1000.0f))));
                MeterLink link = new MeterLink(MeterTransport.tcp("127.0.0.1:" + server.port()), TIMEOUT, deadlines)) {
            assertThat(link.read(MeterModel.SDM120, 1).phaseAmps()).as("unit 1 read without its currents").isEmpty();
            link.read(MeterModel.SDM120, 1);

            assertThat(server.connections()).as("connections after two reads").isEqualTo(1);
        }
    }

    /**
     * On a serial line, unit 6 (late_rtu_unit.py) answers each request with exception 02 only once the next request has
     * been read, whatever the machine's load: its refusal comes down the line during unit 7's power request, and is not
     * unit 7's.
     */
    @Test
    void anotherUnitsLateExceptionOnASerialLineIsNotTheMetersRefusal() throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                ChildProcess unit6 = LateRtuUnit.start(line, 6, dir.resolve("unit6.log"), "next", "0", "2");
                MeterLink link = new MeterLink(new MeterTransport.Serial(line.master.toString(), 9600,
                        MeterTransport.Parity.NONE, 1), TIMEOUT, deadlines)) {
            List<Throwable> thrown = new ArrayList<>();
            for (int unit : new int[] {6, 7}) {
                thrown.add(catchThrowable(() -> link.read(MeterModel.SDM120, unit)));
            }

            assertThat(thrown.get(0)).as("unit 6, its answer held back; its log: %s", unit6.log()).isNotNull()
                    .isNotInstanceOf(ModbusSlaveException.class);
            assertThat(thrown.get(1)).as("unit 7, unit 6's exception come during its request; unit 6's log: %s", unit6.log())
                    .isInstanceOf(IOException.class).hasMessageContaining("an exception reply came from unit 6, not unit 7 asked");
        }
    }

    /** A Modbus TCP exception frame from {@code unit}: exception 02 to {@code function}. */
    private static byte[] exceptionFrame(int transaction, int unit, int function) {
        return new byte[] {(byte) (transaction >> 8), (byte) transaction, 0, 0, 0, 3, (byte) unit, (byte) (function | 0x80), 2};
    }
}
