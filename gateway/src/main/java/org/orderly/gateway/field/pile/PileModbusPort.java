package org.orderly.gateway.field.pile;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pile's Modbus master on j2mod, for reads and writes. {@code field.modbus}'s {@code ModbusLink} only
 * reads (meters are never written), so the pile driver has its own master on the same endpoint records.
 * Not thread-safe: used from the driver's single thread. A TCP connection is dropped after any failure but
 * an exception response, so a late answer cannot be taken for the next one.
 */
final class PileModbusPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PileModbusPort.class);

    private final BusEndpoint endpoint;
    private final int timeoutMillis;
    private AbstractModbusMaster master;

    PileModbusPort(BusEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    void write(int unitId, PileRegister register, int raw) throws PileIoException {
        String context = endpoint + " unit " + unitId + " fc" + register.function().code() + " "
                + register.name() + " " + String.format("0x%04X", register.address()) + " := " + raw;
        try {
            AbstractModbusMaster m = connected();
            switch (register.function()) {
                case WRITE_SINGLE_REGISTER -> m.writeSingleRegister(unitId, register.address(), new SimpleRegister(raw));
                case WRITE_MULTIPLE_REGISTERS -> m.writeMultipleRegisters(unitId, register.address(), new Register[] {new SimpleRegister(raw)});
            }
        } catch (Exception e) {
            throw failed(context, e);
        }
    }

    int[] read(int unitId, FunctionCode function, int start, int count) throws PileIoException {
        String context = endpoint + " unit " + unitId + " fc" + function.code() + " " + String.format("0x%04X", start) + "+" + count;
        try {
            AbstractModbusMaster m = connected();
            InputRegister[] regs = switch (function) {
                case READ_HOLDING_REGISTERS -> m.readMultipleRegisters(unitId, start, count);
                case READ_INPUT_REGISTERS -> m.readInputRegisters(unitId, start, count);
            };
            if (regs == null || regs.length != count) {
                disconnect();
                throw new PileIoException(PileFailureKind.MALFORMED, context + ": expected " + count + " registers, got "
                        + (regs == null ? "none" : regs.length), null);
            }
            int[] words = new int[count];
            for (int i = 0; i < count; i++) {
                words[i] = regs[i].toUnsignedShort();
            }
            return words;
        } catch (PileIoException e) {
            throw e;
        } catch (Exception e) {
            throw failed(context, e);
        }
    }

    private PileIoException failed(String context, Exception e) {
        PileFailureKind kind = classify(e);
        if (kind != PileFailureKind.REJECTED) {
            disconnect();
        }
        return new PileIoException(kind, context + ": " + e.getMessage(), e);
    }

    private static PileFailureKind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModbusSlaveException) {
                return PileFailureKind.REJECTED;
            }
            if (t instanceof SocketTimeoutException) {
                return PileFailureKind.TIMEOUT;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("timeout") || m.contains("timed out") || m.contains("cannot read from serial port")) {
                return PileFailureKind.TIMEOUT;
            }
            if (m.contains("crc")) {
                return PileFailureKind.MALFORMED;
            }
        }
        return PileFailureKind.CONNECTION;
    }

    private AbstractModbusMaster connected() throws Exception {
        if (master == null) {
            AbstractModbusMaster m;
            if (endpoint instanceof BusEndpoint.Tcp tcp) {
                m = new ModbusTCPMaster(tcp.host(), tcp.port(), timeoutMillis, false, false);
            } else {
                BusEndpoint.Serial s = (BusEndpoint.Serial) endpoint;
                SerialParameters p = new SerialParameters();
                p.setPortName(s.port());
                p.setBaudRate(s.baud());
                p.setDatabits(s.dataBits());
                p.setStopbits(s.stopBits());
                p.setParity(s.parity());
                p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
                p.setEcho(false);
                m = new ModbusSerialMaster(p, timeoutMillis);
            }
            m.setTimeout(timeoutMillis);
            m.connect();
            m.setRetries(1); // one attempt: the driver retries at the next refresh (j2mod treats 0 as 5)
            if (m instanceof ModbusSerialMaster && !m.isConnected()) {
                throw new java.net.ConnectException("cannot open serial port " + endpoint);
            }
            master = m;
            LOG.debug("connected to {}", endpoint);
        }
        return master;
    }

    private void disconnect() {
        if (master != null) {
            try {
                master.disconnect();
            } catch (RuntimeException e) {
                LOG.warn("closing {} failed: {}", endpoint, e.toString());
            }
            master = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
