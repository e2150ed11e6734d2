package org.orderly.gateway.web.alarm;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The upstream link's alarms, from what the link says of itself: whether it is connected to the grid company's broker,
 * whether that broker refuses its subscription to the commands (either way grid caps cannot reach the compound), and
 * whether it refused messages the gateway sent (the grid company does not get them).
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
     * @param messagesRefused  {@link org.orderly.gateway.upstream.link.MqttLink#messagesRefused()}: the kinds refused,
     *                         the alarm's detail
     */
    public static Set<AlarmBoard.Condition> conditions(boolean connected, Optional<String> commandsRefused,
                                                       Optional<String> messagesRefused, String gatewayId) {
        Set<AlarmBoard.Condition> out = new HashSet<>();
        if (!connected) {
            out.add(new AlarmBoard.Condition(AlarmKind.UPSTREAM_DISCONNECTED, gatewayId));
        }
        if (commandsRefused.isPresent()) {
            out.add(new AlarmBoard.Condition(AlarmKind.UPSTREAM_COMMANDS_REFUSED, gatewayId));
        }
        messagesRefused.ifPresent(kinds ->
                out.add(new AlarmBoard.Condition(AlarmKind.UPSTREAM_MESSAGES_REFUSED, gatewayId, kinds)));
        return out;
    }
}
