package org.orderly.gateway.upstream.link;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Whether a failed connection attempt certainly sent no CONNECT: the broker's name did not resolve, or no TCP
 * connection was made (refused, no route). Any other failure (a timeout, the thread interrupted, the broker's
 * refusal in its CONNACK, TLS) may have come after the CONNECT, and with it the will, reached a broker.
 */
final class RefusedBeforeConnect {
    private RefusedBeforeConnect() {
    }

    static boolean of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
