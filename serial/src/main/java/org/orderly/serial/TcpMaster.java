package org.orderly.serial;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.OptionalInt;

/**
 * j2mod's TCP master (as {@code ModbusTCPMaster} of 3.3.0, no reconnecting, Modbus TCP framing), which tells what of the
 * last reply came: how many bytes, and the unit id in its header ({@link #replyBytes}, {@link #lastReplyUnit}), also
 * when the read failed or was cut at its deadline. j2mod compares a reply's transaction id with the request's but not
 * its unit id (3.3.0), and says nothing of a reply it did not read whole: a TCP-to-RS-485 gateway that mixed up its
 * lines, or passed on a late answer of another unit behind it, would be taken for the unit asked, and a cut with no
 * byte come for the unit asked beginning to reply. Its owners (the gateway's ModbusConnection, the firmware-bridge's
 * MeterLink) refuse a reply that does not {@link LastReply#answers answer} the unit they asked.
 */
public final class TcpMaster extends AbstractModbusMaster {
    private final TCPMasterConnection connection;
    private final ReplyHeard heard = new ReplyHeard();

    /** A master of the Modbus TCP server at {@code host}, {@code port}; connected at {@link #connect}. */
    public TcpMaster(String host, int port, int timeoutMillis) {
        try {
            connection = new TCPMasterConnection(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve Modbus TCP host " + host, e);
        }
        connection.setPort(port);
        connection.setTimeout(timeoutMillis);
        // j2mod's connection keeps a transport it is given and hands it each socket it connects (3.3.0)
        RecordingTransport transport = new RecordingTransport(heard);
        transport.setMaster(connection);
        connection.setModbusTransport(transport);
        timeout = timeoutMillis;
    }

    @Override
    public synchronized void connect() throws Exception {
        if (!connection.isConnected()) {
            connection.connect(false);
            ModbusTCPTransaction transaction = (ModbusTCPTransaction) connection.getModbusTransport().createTransaction();
            transaction.setReconnecting(false);
            setTransaction(transaction);
        }
    }

    @Override
    public synchronized void disconnect() {
        if (connection.isConnected()) {
            connection.close();
            setTransaction(null);
        }
    }

    @Override
    public synchronized void setTimeout(int timeout) {
        super.setTimeout(timeout);
        connection.setTimeout(timeout);
    }

    @Override
    public AbstractModbusTransport getTransport() {
        return connection.getModbusTransport();
    }

    @Override
    public boolean isConnected() {
        return connection.isConnected();
    }

    /**
     * How many bytes were read off the socket since the last request was written, its reply's or whatever came instead:
     * of one frame, no more ({@link FrameBoundedInput}).
     */
    public int replyBytes() {
        return heard.bytes();
    }

    /**
     * The unit id of the last reply: the one j2mod read whole since the last request was written (what it returned, or
     * threw as an exception frame), else, its read failed or cut, the header of what was read off the socket since, a
     * part of a reply; -1 when that much did not come. From the owner's thread, after the request, also when it failed
     * or was cut. Until the mend of 2026-12-07 only the bytes off the socket told it, and another unit's exception frame
     * come in one TCP segment with the reply before, held in j2mod's buffer and read from there, had no unit
     * ({@code LateReplyOfAnotherUnitTest.anotherUnitsExceptionInTheSegmentOfTheReplyBeforeIsNotTheNextRefusal}).
     */
    public int lastReplyUnit() {
        OptionalInt unit = heard.unit();
        return unit.isPresent() ? unit.getAsInt() : -1;
    }

    /**
     * Whether a reply carrying {@code unitReplied} answers {@code unitAsked}: it carries that unit id, or 0 or 255.
     * Neither is a serial unit's address (0 is a broadcast, never answered; 248..255 are reserved), so such a reply is
     * no other unit's behind a TCP-to-RS-485 gateway but a device that ignores the unit id and answers as 0 or 255
     * whatever it is asked, against the Modbus TCP guide, as some do.
     */
    public static boolean answers(int unitAsked, int unitReplied) {
        return unitReplied == unitAsked || unitReplied == 0 || unitReplied == 255;
    }

    /**
     * j2mod's TCP transport reading each socket it is given through a {@link RecordingSocket}, beginning the record anew
     * as each request is written, and recording the unit of each reply it reads whole.
     */
    private static final class RecordingTransport extends ModbusTCPTransport {
        private final ReplyHeard heard;

        RecordingTransport(ReplyHeard heard) {
            this.heard = heard;
        }

        @Override
        public void setSocket(Socket socket) throws IOException {
            super.setSocket(new RecordingSocket(socket, heard));
        }

        @Override
        public void writeRequest(ModbusRequest request) throws ModbusIOException {
            heard.requestWritten();
            super.writeRequest(request);
        }

        @Override
        public ModbusResponse readResponse() throws ModbusIOException {
            ModbusResponse response = super.readResponse();
            heard.replyParsed(response.getUnitID());
            return response;
        }
    }
}
