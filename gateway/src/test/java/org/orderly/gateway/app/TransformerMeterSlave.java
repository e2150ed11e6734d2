package org.orderly.gateway.app;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import org.orderly.testkit.LoopbackPorts;

/**
 * An Eastron SDM630 on Modbus TCP at 127.0.0.1, served by j2mod's slave: input registers 0x0000..0x004B, all
 * zero but the total system power (30053, address 0x0034, float32 high word first, in W) and the phases' powers
 * and currents a test sets (30013.., addresses 0x000C, 0x000E, 0x0010; 30007.., 0x0006, 0x0008, 0x000A, in A).
 * Can be stopped and
 * started again on the same port. On the same port, unit {@link #PILE_UNIT} is a Modbus pile as the shipped
 * {@code piles/generic-pile} map reads one, its car charging (state.code 3, C), its limit, watchdog and fallback
 * registers taking what the gateway writes: a pile {@link LiveRig} has on the meter's bus where its maker makes no bridge.
 */
public final class TransformerMeterSlave implements AutoCloseable {
    static final int UNIT = 1;
    /** The unit of the Modbus pile on this port. */
    static final int PILE_UNIT = 20;
    /** The generic pile map's state.code register, after its limit registers (0x0100..0x0102). */
    private static final int PILE_STATE = 0x0200;
    private static final int PILE_CHARGING = 3;
    private static final int TOTAL_POWER = 0x0034;

    public final int port;
    private final SimpleProcessImage image = new SimpleProcessImage(UNIT);
    private final SimpleProcessImage pile = new SimpleProcessImage(PILE_UNIT);
    private ModbusSlave slave;

    public TransformerMeterSlave() throws Exception {
        port = LoopbackPorts.free();
        for (int a = 0; a <= 0x4B; a++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        for (int a = 0; a <= PILE_STATE + 5; a++) {
            pile.addRegister(new SimpleRegister(a == PILE_STATE ? PILE_CHARGING : 0));
        }
        start();
    }

    /** Sets the transformer's total active power. */
    public void totalKw(double kw) {
        watts(TOTAL_POWER, kw);
    }

    /** Sets a phase's active power ({@code phase} 'A', 'B' or 'C'). */
    public void phaseKw(char phase, double kw) {
        watts(0x000C + 2 * (phase - 'A'), kw);
    }

    /** Sets a phase's current ({@code phase} 'A', 'B' or 'C'). */
    public void phaseAmps(char phase, double amps) {
        write(0x0006 + 2 * (phase - 'A'), amps);
    }

    private void watts(int address, double kw) {
        write(address, kw * 1000);
    }

    private void write(int address, double value) {
        int bits = Float.floatToIntBits((float) value);
        synchronized (image) {
            ((SimpleInputRegister) image.getInputRegister(address)).setValue(bits >>> 16);
            ((SimpleInputRegister) image.getInputRegister(address + 1)).setValue(bits & 0xFFFF);
        }
    }

    public synchronized void start() throws Exception {
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(UNIT, image);
        slave.addProcessImage(PILE_UNIT, pile);
        slave.open();
    }

    public synchronized void stop() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
