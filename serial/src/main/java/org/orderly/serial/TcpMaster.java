package org.orderly.serial;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;

/**
 * j2mod's TCP master, which tells the unit id its last reply carried. j2mod compares a reply's transaction id with the
 * request's but not its unit id (3.3.0): a TCP-to-RS-485 gateway that mixed up its lines, or a late answer of another
 * unit behind it, would be taken for the unit asked. Its owners (the gateway's ModbusConnection, the firmware-bridge's
 * MeterLink) refuse a reply that does not {@link LastReply#answers answer} the unit they asked.
 */
public final class TcpMaster extends ModbusTCPMaster {

    public TcpMaster(String host, int port, int timeoutMillis) {
        super(host, port, timeoutMillis, false, false);
    }

    /** The unit id in the header of the last reply; -1 when none came. */
    public int lastReplyUnit() {
        ModbusResponse reply = transaction == null ? null : transaction.getResponse();
        return reply == null ? -1 : reply.getUnitID();
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
}
