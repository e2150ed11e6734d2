package org.orderly.gateway.web.alarm;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.orderly.gateway.field.modbus.FailureShare;

/** The meters whose polls fail too often, as the pollers said ({@link org.orderly.gateway.field.UnreliableMeters}). */
public final class UnreliableMeterAlarms {
    private UnreliableMeterAlarms() {
    }

    /**
     * One {@link AlarmKind#METER_UNRELIABLE} on the gateway per meter failing too often, its detail
     * {@code tx: 600 of 1200 polls failed in 10 min} (the meter, then its last window's share); a meter just fallen
     * silent, its polls failed within the last minute, {@code pm: 3 of 3 polls failed in 1 min}, not "in 0 min".
     */
    public static Set<AlarmBoard.Condition> conditions(Collection<FailureShare> failingOften, String gatewayId) {
        Set<AlarmBoard.Condition> out = new HashSet<>();
        for (FailureShare s : failingOften) {
            out.add(new AlarmBoard.Condition(AlarmKind.METER_UNRELIABLE, gatewayId, detail(s)));
        }
        return out;
    }

    /** The meter and its share, {@code tx: 600 of 1200 polls failed in 10 min}, less than a minute said as 1. */
    static String detail(FailureShare s) {
        return s.meterId() + ": " + s.failed() + " of " + s.polls() + " polls failed in "
                + Math.max(1, s.window().toMinutes()) + " min";
    }
}
