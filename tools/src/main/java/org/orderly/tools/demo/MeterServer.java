package org.orderly.tools.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import org.orderly.gateway.field.modbus.DataType;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.modbus.WordOrder;

/**
 * A simulated meter over real Modbus TCP, behind a gateway of its own ({@link ModbusTcpGateway}: its unit alone answers):
 * every register its map names, encoded as the map says (type, word order, scale), so the gateway's poller reads it
 * exactly as it would read the real meter.
 */
final class MeterServer implements AutoCloseable {
    private final RegisterMap map;
    /** Input registers (function 04) and holding registers (03), from address 0 to the map's last; guarded by this. */
    private final int[] input;
    private final int[] holding;
    private final ModbusTcpGateway server;

    /** Serves {@code unit} on {@code bind:port}; throws what binding the port throws (one taken). */
    MeterServer(InetAddress bind, int port, int unit, RegisterMap map) throws IOException {
        this.map = map;
        int top = map.points().stream().mapToInt(RegisterPoint::end).max().orElse(0);
        this.input = new int[top];
        this.holding = new int[top];
        this.server = new ModbusTcpGateway(bind, port, unit, this::read);
    }

    int port() {
        return server.port();
    }

    private int[] read(FunctionCode function, int address, int count) {
        int[] table = function == FunctionCode.READ_INPUT_REGISTERS ? input : holding;
        if (address + count > table.length) {
            return null;
        }
        synchronized (this) {
            // a 32-bit value's two words as one write left them
            return Arrays.copyOfRange(table, address, address + count);
        }
    }

    /** Sets a quantity of the map (in the unit its name ends with); unknown quantities are ignored. */
    void set(String quantity, double value) {
        for (RegisterPoint p : map.points()) {
            if (p.quantity().equals(quantity)) {
                write(p, words(p, value / p.scale()));
            }
        }
    }

    private void write(RegisterPoint p, int[] words) {
        int[] table = p.function() == FunctionCode.READ_INPUT_REGISTERS ? input : holding;
        synchronized (this) {
            System.arraycopy(words, 0, table, p.address(), words.length);
        }
    }

    private static int[] words(RegisterPoint p, double raw) {
        if (p.type() == DataType.INT16 || p.type() == DataType.UINT16) {
            return new int[] {(int) Math.round(raw) & 0xFFFF};
        }
        int bits = p.type() == DataType.FLOAT32 ? Float.floatToIntBits((float) raw) : (int) Math.round(raw);
        int hi = bits >>> 16;
        int lo = bits & 0xFFFF;
        return p.order() == WordOrder.BIG ? new int[] {hi, lo} : new int[] {lo, hi};
    }

    @Override
    public void close() {
        server.close();
    }
}
