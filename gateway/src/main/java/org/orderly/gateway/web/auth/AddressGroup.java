package org.orderly.gateway.web.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.orderly.gateway.app.config.IpLiteral;

/**
 * Whom the sign-in throttle counts as one client. An IPv4 address is one. An IPv6 address counts by its /64: that is
 * the least a home, a host or a LAN is given (SLAAC picks addresses within it at will), so counted one by one, a
 * guesser could take a fresh address, and five fresh failures, 2^64 times. An IPv4 address written as IPv6
 * ({@code ::ffff:10.0.0.7}) is that IPv4 address: its /64 would be every IPv4 client at once.
 */
final class AddressGroup {
    private static final int PREFIX_BYTES = 8;

    private AddressGroup() {
    }

    /**
     * {@code 10.0.0.7}, {@code 2001:db8:1:2:0:0:0:0/64}; a text that is not an IP address (as an untrusted peer's
     * address is never, but a caller may pass anything) is its own group.
     */
    static String of(String address) {
        InetAddress parsed = IpLiteral.parsed(address);
        if (parsed == null) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress();
        }
        byte[] prefix = parsed.getAddress();
        Arrays.fill(prefix, PREFIX_BYTES, prefix.length, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
