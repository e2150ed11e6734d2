package org.orderly.gateway.web.alarm;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The upstream link's alarms, from what the link says of itself: whether it is connected to the grid company's broker
 * and whether that broker refuses its subscription to the commands. Either way grid caps cannot reach the compound.
 */
public final class UpstreamAlarms {
    private UpstreamAlarms() {
    }

    /**
     * The conditions that hold now, on the gateway. A refusal stands while the link is down too: the link asks again at
     * the reconnect, and a reconnect is not the broker taking it (cleared and raised again, the alarm would want a new
     * acknowledgement at every reconnect). A link down for long is said beside it
     * ({@link AlarmKind#UPSTREAM_DISCONNECTED}, held by the board).
     *
     * @param connected        {@link org.orderly.gateway.upstream.link.MqttLink#connected()}
     * @param commandsRefused  {@link org.orderly.gateway.upstream.link.MqttLink#commandsRefused()}
     */
    public static Set<AlarmBoard.Condition> conditions(boolean connected, Optional<String> commandsRefused,
                                                       String gatewayId) {
        Set<AlarmBoard.Condition> out = new HashSet<>();
        if (!connected) {
            out.add(new AlarmBoard.Condition(AlarmKind.UPSTREAM_DISCONNECTED, gatewayId));
        }
        if (commandsRefused.isPresent()) {
            out.add(new AlarmBoard.Condition(AlarmKind.UPSTREAM_COMMANDS_REFUSED, gatewayId));
        }
        return out;
    }
}
