package org.orderly.gateway.kura;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import org.orderly.testkit.LoopbackPorts;

/**
 * A transformer meter (Eastron SDM630 map) on Modbus TCP at 127.0.0.1 served by j2mod's slave: input registers
 * 0x0000..0x004B, zero but the total system power at 0x0034 (float32, high word first, W). The gateway module's
 * TransformerMeterSlave does the same for its own tests; it is package-private there.
 */
final class MeterSlave implements AutoCloseable {
    static final int UNIT = 1;
    private static final int TOTAL_POWER = 0x0034;

    final int port;
    private final ModbusSlave slave;

    MeterSlave(double totalKw) throws Exception {
        port = LoopbackPorts.free();
        SimpleProcessImage image = new SimpleProcessImage(UNIT);
        for (int a = 0; a <= 0x4B; a++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        int bits = Float.floatToIntBits((float) (totalKw * 1000));
        ((SimpleInputRegister) image.getInputRegister(TOTAL_POWER)).setValue(bits >>> 16);
        ((SimpleInputRegister) image.getInputRegister(TOTAL_POWER + 1)).setValue(bits & 0xFFFF);
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
