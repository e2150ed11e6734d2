package org.orderly.gateway.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address written as text, in the one form Java prints it (so two spellings of one address compare
 * equal). Never a host name: a name would mean a DNS lookup, and a proxy is trusted by its address.
 */
public final class IpLiteral {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    /** The address in Java's form, or null when {@code text} is not an address literal. */
    public static String normalized(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.length() > 2 && t.startsWith("[") && t.endsWith("]")) {
            // Jetty writes a peer's IPv6 address in brackets, as in a URL.
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = V4.matcher(t).matches();
        if (!v4 && !(t.indexOf(':') >= 0 && V6.matcher(t).matches())) {
            return null;
        }
        try {
            // A literal of either form is parsed, not looked up.
            return InetAddress.getByName(t).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
