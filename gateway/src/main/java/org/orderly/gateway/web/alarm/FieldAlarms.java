package org.orderly.gateway.web.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.field.modbus.PortUnavailable;

/**
 * The field's alarms at one look, one per cause: the control's stale transformer reading ({@link AlarmKind#METER_STALE}),
 * the meters whose polls fail too often ({@link AlarmKind#METER_UNRELIABLE}) and the serial ports that will not open
 * ({@link AlarmKind#PORT_UNAVAILABLE}).
 * <ul>
 *   <li>A port that will not open is the cause of its meters' failures: their polls are the port's, not counted as
 *   theirs, and a share from before it shut says nothing of them now, so none of them is {@code METER_UNRELIABLE}
 *   while it stands; the transformer meter behind it is {@code METER_STALE} beside it, the control on its safe
 *   power.</li>
 *   <li>The transformer meter fallen silent (every poll of its share failed, and no reading of it since its silence
 *   began) is the control's stale reading: its share is {@code METER_STALE}'s detail, naming the meter and its failed
 *   polls ({@code tx: 3 of 3 polls failed in 1 min}), not an alarm of its own; before the control finds the reading
 *   stale (its {@code control.staleAfterMs}) nothing is raised for it, so that it is not raised and cleared a moment
 *   later. One that fails often but answers, or that answers each poll refusing part of it (a reading without the
 *   refused registers still comes), is {@code METER_UNRELIABLE} as any meter; one that loses part of each poll to a
 *   fault (a timeout, a garbled answer) publishes no reading, and is silent to the control as to this.</li>
 * </ul>
 */
public final class FieldAlarms {
    private FieldAlarms() {
    }

    /**
     * @param transformer  the meter the control reads, and what the last control cycle made of it
     * @param failingOften {@link org.orderly.gateway.field.UnreliableMeters#now()}
     * @param ports        {@link org.orderly.gateway.field.UnavailablePorts#now()}
     */
    public static Set<AlarmBoard.Condition> conditions(TransformerMeter transformer, Collection<FailureShare> failingOften,
                                                       Collection<PortUnavailable> ports, String gatewayId) {
        Set<AlarmBoard.Condition> out = new HashSet<>();
        Set<String> behindShutPorts = new HashSet<>();
        for (PortUnavailable p : ports) {
            out.add(new AlarmBoard.Condition(AlarmKind.PORT_UNAVAILABLE, gatewayId, p.bus() + ": " + p.reason()));
            behindShutPorts.addAll(p.meterIds());
        }
        String staleDetail = null;
        List<FailureShare> ownAlarms = new ArrayList<>();
        for (FailureShare s : failingOften) {
            if (behindShutPorts.contains(s.meterId())) {
                continue;
            }
            if (transformer.fellSilent(s)) {
                staleDetail = UnreliableMeterAlarms.detail(s);
            } else {
                ownAlarms.add(s);
            }
        }
        out.addAll(UnreliableMeterAlarms.conditions(ownAlarms, gatewayId));
        if (transformer.stale()) {
            out.add(new AlarmBoard.Condition(AlarmKind.METER_STALE, gatewayId, staleDetail));
        }
        return out;
    }

    /**
     * The meter the control reads, as the page finds it at a look.
     *
     * @param meterId       its id
     * @param stale         the last control cycle had no fresh reading of it (conservative mode, not for a reading
     *                      flowing back)
     * @param newestReading how old its newest reading is, on the ticker its poller's shares are measured on; empty when
     *                      it has none
     */
    public record TransformerMeter(String meterId, boolean stale, Optional<Duration> newestReading) {

        /**
         * Whether {@code share} is this meter fallen silent: every poll of it failed and no reading of it came since
         * the first of them (a meter refusing part of each poll publishes what it read, younger than its share; a poll
         * that loses a block to a fault publishes nothing, {@code BusPoller#pollMeter}).
         */
        boolean fellSilent(FailureShare share) {
            return share.meterId().equals(meterId) && share.everyPollFailed()
                    && newestReading.map(age -> age.compareTo(share.window()) >= 0).orElse(true);
        }
    }
}
