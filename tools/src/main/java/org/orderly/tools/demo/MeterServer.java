package org.orderly.tools.demo;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import org.orderly.gateway.field.modbus.DataType;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.modbus.WordOrder;

/**
 * A simulated meter over real Modbus TCP (j2mod's slave): every register its map names, encoded as the map says
 * (type, word order, scale), so the gateway's poller reads it exactly as it would read the real meter.
 */
final class MeterServer implements AutoCloseable {
    private final RegisterMap map;
    private final SimpleProcessImage image;
    private final ModbusSlave slave;
    private final int port;

    MeterServer(InetAddress bind, int port, int unit, RegisterMap map) throws ModbusException {
        this.map = map;
        this.port = port;
        this.image = new SimpleProcessImage(unit);
        int top = map.points().stream().mapToInt(RegisterPoint::end).max().orElse(0);
        for (int a = 0; a < top; a++) {
            image.addInputRegister(new SimpleInputRegister(0));
            image.addRegister(new SimpleRegister(0));
        }
        slave = ModbusSlaveFactory.createTCPSlave(bind, port, 4, false);
        slave.addProcessImage(unit, image);
        slave.open();
    }

    int port() {
        return port;
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
        synchronized (image) {
            for (int i = 0; i < words.length; i++) {
                if (p.function() == FunctionCode.READ_INPUT_REGISTERS) {
                    ((SimpleInputRegister) image.getInputRegister(p.address() + i)).setValue(words[i]);
                } else {
                    image.getRegister(p.address() + i).setValue(words[i]);
                }
            }
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
        ModbusSlaveFactory.close(slave);
    }
}
