package org.orderly.gateway.upstream.link;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * What an installer checks when no TCP connection to the broker was made ({@link NoConnectSent}): the MQTT
 * client says only "Connection refused" or the bare host name, while the likely cause is a wrong host or port in
 * {@code upstream.broker}. Until 2026-12-05 the WARN said only the client's words
 * ({@code UpstreamBrokerUnreachableTest}).
 */
final class UnreachableBroker {
    private UnreachableBroker() {
    }

    /** The words added to the failure, from "; check upstream.broker: ", or empty when a TCP connection was made. */
    static String check(Throwable failure, URI broker) {
        String where = broker.getHost() + ":" + broker.getPort();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "; check upstream.broker: its host name " + broker.getHost() + " does not resolve (not in DNS"
                        + " nor /etc/hosts)";
            }
            if (t instanceof NoRouteToHostException) {
                return "; check upstream.broker: there is no route to " + broker.getHost() + " (its address, the"
                        + " network, a firewall)";
            }
            if (t instanceof ConnectException) {
                return "; check upstream.broker: nothing listens at " + where + " (its host and port; the broker"
                        + " running)";
            }
        }
        return "";
    }
}
