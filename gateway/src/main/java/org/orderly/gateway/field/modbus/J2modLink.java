package org.orderly.gateway.field.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModbusLink} over j2mod's {@link ModbusTCPMaster} or {@link ModbusSerialMaster} (RTU). j2mod's
 * own retries are switched off: {@link BusPoller} retries, so that it can pace and report each attempt.
 */
public final class J2modLink implements ModbusLink {

    private static final Logger LOG = LoggerFactory.getLogger(J2modLink.class);

    private final BusEndpoint endpoint;
    private final int timeoutMillis;
    private AbstractModbusMaster master;

    public J2modLink(BusEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count) throws FieldReadException {
        String context = endpoint + " unit " + unitId + " fc" + function.code() + " " + String.format("0x%04X", start) + "+" + count;
        try {
            AbstractModbusMaster m = connected();
            InputRegister[] regs = switch (function) {
                case READ_HOLDING_REGISTERS -> m.readMultipleRegisters(unitId, start, count);
                case READ_INPUT_REGISTERS -> m.readInputRegisters(unitId, start, count);
            };
            if (regs == null || regs.length != count) {
                throw new FieldReadException(FailureKind.GARBLED,
                        context + ": expected " + count + " registers, got " + (regs == null ? "none" : regs.length), null);
            }
            int[] words = new int[count];
            for (int i = 0; i < count; i++) {
                words[i] = regs[i].toUnsignedShort();
            }
            return words;
        } catch (FieldReadException e) {
            afterFailure(e.kind());
            throw e;
        } catch (Exception e) {
            FailureKind kind = FailureClassifier.classify(e);
            afterFailure(kind);
            throw new FieldReadException(kind, context + ": " + e.getMessage(), e);
        }
    }

    /**
     * A TCP stream may still carry a late or partial answer: drop it. A serial port stays open (j2mod's
     * RTU transport discards stale input before each request, and reopening a port is slow) unless the
     * port itself failed.
     */
    private void afterFailure(FailureKind kind) {
        boolean tcp = endpoint instanceof BusEndpoint.Tcp;
        if (kind == FailureKind.CONNECTION || tcp && kind != FailureKind.EXCEPTION_RESPONSE) {
            disconnect();
        }
    }

    private AbstractModbusMaster connected() throws Exception {
        if (master == null) {
            AbstractModbusMaster m = create();
            m.setTimeout(timeoutMillis);
            m.connect();
            m.setRetries(1); // one attempt per read: j2mod applies this only once connected, and treats 0 as 5
            if (m instanceof ModbusSerialMaster && !m.isConnected()) {
                throw new java.net.ConnectException("cannot open serial port " + endpoint);
            }
            master = m;
            LOG.debug("connected to {}", endpoint);
        }
        return master;
    }

    private AbstractModbusMaster create() {
        if (endpoint instanceof BusEndpoint.Tcp tcp) {
            return new ModbusTCPMaster(tcp.host(), tcp.port(), timeoutMillis, false, false);
        }
        return new ModbusSerialMaster(serialParameters((BusEndpoint.Serial) endpoint), timeoutMillis);
    }

    private static SerialParameters serialParameters(BusEndpoint.Serial s) {
        SerialParameters p = new SerialParameters();
        p.setPortName(s.port());
        p.setBaudRate(s.baud());
        p.setDatabits(s.dataBits());
        p.setStopbits(s.stopBits());
        p.setParity(s.parity());
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
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
