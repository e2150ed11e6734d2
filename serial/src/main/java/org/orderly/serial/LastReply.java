package org.orderly.serial;

import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import java.util.OptionalInt;

/**
 * Which unit the last reply a master read came from, and whether it answers the unit asked: what j2mod does not check
 * of every reply. Its RTU master refuses another unit's reply of registers itself, but throws a whole exception frame
 * of any unit as the unit asked's; its TCP master checks neither (3.3.0). A late refusal of another unit (a meter asked
 * before, answering after the timeout, while the next unit is asked) was so taken for the refusal of the unit asked.
 * The gateway's {@code ModbusConnection} and the firmware-bridge's {@code MeterLink} judge every reply by it, registers
 * and exception frames alike, and say one that does not answer in its words ({@link #notFromUnitAsked}).
 */
public final class LastReply {
    private LastReply() {
    }

    /**
     * The unit id the last reply carried, whole or begun: on a serial line its first byte ({@link RtuMaster#replyBegan}),
     * over TCP its header's ({@link TcpMaster#lastReplyUnit}); empty when none came (over TCP, not as far as the unit
     * id), or the master is neither of these. On a serial line a first byte that is no unit's address (0, broadcast,
     * which no unit answers; above {@value UnitAddress#HIGHEST}, reserved: {@link UnitAddress}) gives empty too: it is no reply's beginning
     * but a glitch on the line (an RS-485 transceiver switching direction reads 0x00 or 0xFF), and a timeout after it
     * stays the asked unit's silence (in rtu61's first merge of 2026-12-07 it was said as "unit 0's" or "unit 255's"
     * reply cut: {@code LateReplyOfAnotherUnitTest.aGlitchByteBeforeASilentUnitIsNoOtherUnitsReply}).
     */
    public static OptionalInt unit(AbstractModbusMaster master) {
        if (master instanceof RtuMaster rtu) {
            OptionalInt first = rtu.replyBegan();
            return first.isPresent() && UnitAddress.isUnit(first.getAsInt()) ? first : OptionalInt.empty();
        }
        if (master instanceof TcpMaster tcp && tcp.lastReplyUnit() >= 0) {
            return OptionalInt.of(tcp.lastReplyUnit());
        }
        return OptionalInt.empty();
    }

    /**
     * Whether any byte came since the last request was written: on a serial line a reply's first, a unit's address (not a
     * glitch: {@link #unit}), over TCP any of its
     * header ({@link TcpMaster#replyBytes}); true when the master is neither of these, which cannot tell. An exchange
     * cut at its deadline with none come is a silent unit's, the deadline come before the wait for the first byte ran
     * out (a loaded computer wakes the read late).
     */
    public static boolean anyByteCame(AbstractModbusMaster master) {
        if (master instanceof RtuMaster) {
            return unit(master).isPresent();
        }
        return !(master instanceof TcpMaster tcp) || tcp.replyBytes() > 0;
    }

    /**
     * Whether the last reply answers {@code unitAsked}: it came from that unit (over TCP, or as 0 or 255:
     * {@link TcpMaster#answers}), or nothing says it came from another.
     */
    public static boolean answers(AbstractModbusMaster master, int unitAsked) {
        OptionalInt replied = unit(master);
        if (replied.isEmpty()) {
            return true;
        }
        return master instanceof TcpMaster ? TcpMaster.answers(unitAsked, replied.getAsInt()) : replied.getAsInt() == unitAsked;
    }

    /**
     * What a last reply that does not {@link #answers answer} the unit asked is said as, where the message names that
     * unit already: {@code the reply came from unit 6, not the unit asked (a late reply of another unit?)}.
     *
     * @param reply what came: {@code the reply}, {@code an exception reply}
     */
    public static String notFromUnitAsked(AbstractModbusMaster master, String reply) {
        return cameFrom(master, reply, "the unit asked");
    }

    /**
     * As {@link #notFromUnitAsked(AbstractModbusMaster, String)}, naming the unit asked, where nothing else in the
     * message does: {@code the reply came from unit 6, not unit 7 asked (a late reply of another unit?)}.
     */
    public static String notFromUnitAsked(AbstractModbusMaster master, String reply, int unitAsked) {
        return cameFrom(master, reply, "unit " + unitAsked + " asked");
    }

    private static String cameFrom(AbstractModbusMaster master, String reply, String unitAsked) {
        OptionalInt replied = unit(master);
        if (replied.isEmpty()) {
            throw new IllegalStateException("no last reply to say of " + unitAsked + ": only one that came does not answer");
        }
        return reply + " came from unit " + replied.getAsInt() + ", not " + unitAsked + " (a late reply of another unit?)";
    }
}
