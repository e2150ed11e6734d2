package org.orderly.gateway.web.view;

import java.util.Set;
import org.orderly.gateway.web.alarm.AlarmBoard;

/** The lines over the transformer's {@code phaseLimitA}, as alarms on the gateway. */
final class LineOverloads {
    private LineOverloads() {
    }

    static Set<AlarmBoard.Condition> conditions(MeterView meter, String gatewayId) {
        return Set.of();
    }
}
