package org.orderly.gateway.app.config;

import java.net.URI;

/**
 * What makes a broker's URI one that Paho cannot connect to though it parses: a host neither an address nor a name
 * (a mistyped IPv4 address), a port out of range, a path. {@link java.net.URI} takes each, and Paho fails only later:
 * at every connect (a port out of range, as its "Untranslated MqttException") or at the start (a path: "URI path must
 * be empty"), so they are refused where they are written. {@code orderly aggregate}'s {@code --broker} is judged the
 * same.
 */
public final class BrokerAddress {
    private BrokerAddress() {
    }

    /** What is wrong with {@code uri}'s address, or null when nothing this class knows of. */
    public static String wrong(URI uri) {
        String authority = uri.getRawAuthority();
        if (uri.getHost() == null && authority != null && !authority.isEmpty()) {
            // A URI keeps an authority it cannot read as host and port whole (registry-based): 192.168.1.300:8883.
            String host = authority.replaceFirst(":[0-9]*$", "");
            return "its host '" + host + "' is neither an IPv4 address (four numbers, each 0..255) nor a host name "
                    + "(letters, digits, '-' and '.')";
        }
        if (uri.getHost() != null && (uri.getPort() == 0 || uri.getPort() > 65535)) {
            return "port " + uri.getPort() + " is not within 1..65535";
        }
        if (uri.getHost() != null && (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null)) {
            return "nothing may follow the port ('" + text(uri) + "'), the topics are the gateway's own";
        }
        return null;
    }

    private static String text(URI uri) {
        String s = uri.getRawPath();
        if (uri.getRawQuery() != null) {
            s += "?" + uri.getRawQuery();
        }
        if (uri.getRawFragment() != null) {
            s += "#" + uri.getRawFragment();
        }
        return s;
    }
}
