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

    /**
     * {@code 192.168.10.20} for {@code 192.168.010.020}: an IPv4 address written with leading zeros, which this class
     * does not take (C's inet_aton reads {@code 010} as octal 8); null when {@code text} is not one.
     */
    public static String withoutLeadingZeros(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return null;
            }
            out.append(out.length() == 0 ? "" : ".").append(Integer.parseInt(part));
        }
        String unpadded = out.toString();
        return unpadded.equals(text) ? null : unpadded;
    }

    /**
     * Whether {@code text} is an IPv4 address mistyped (192.168.10.256, a part left out or one too many): digits and dots
     * only, yet no address, and no host name either, since DNS gives out no such name. One written with leading zeros
     * (192.168.010.020) is not: the JDK reaches it ({@link #withoutLeadingZeros}).
     */
    public static boolean mistypedIpv4(String text) {
        return text.matches("[0-9.]+") && parsed(text) == null && withoutLeadingZeros(text) == null;
    }

    /** The address in Java's form, or null when {@code text} is not an address literal. */
    public static String normalized(String text) {
        InetAddress address = parsed(text);
        return address == null ? null : address.getHostAddress();
    }

    /**
     * The address {@code text} writes ({@code [..]} as Jetty writes an IPv6 peer, and {@code %zone} after a link-local
     * one, allowed), or null when it is not an address literal. An IPv4 address written as IPv6 ({@code ::ffff:a.b.c.d})
     * is that IPv4 address.
     */
    public static InetAddress parsed(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.length() > 2 && t.startsWith("[") && t.endsWith("]")) {
            // Jetty writes a peer's IPv6 address in brackets, as in a URL.
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            // A link-local address's interface: the same address whichever way it is reached.
            t = t.substring(0, zone);
        }
        boolean v4 = V4.matcher(t).matches();
        if (!v4 && !(t.indexOf(':') >= 0 && V6.matcher(t).matches())) {
            return null;
        }
        try {
            // A literal of either form is parsed, not looked up.
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
