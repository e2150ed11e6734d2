package org.orderly.gateway.app.config;

/**
 * A host in one form for telling whether two endpoints are one: an IP address in Java's form ({@code ::1} is
 * {@code 0:0:0:0:0:0:0:1}), a name in lower case without its trailing dot, anything else as written. Never looked up,
 * so a name and its address count as two hosts.
 */
final class HostKey {
    private HostKey() {
    }

    static String of(String host) {
        String address = IpLiteral.normalized(host);
        if (address != null) {
            return address;
        }
        String name = HostName.normalized(host);
        return name != null ? name : host;
    }

    /** {@code host:port} as written, an IPv6 address in brackets so its port can be told from it. */
    static String shown(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
