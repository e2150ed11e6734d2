package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.util.HashSet;
import java.util.Set;
import org.orderly.gateway.app.config.HostName;
import org.orderly.gateway.app.config.IpLiteral;
import org.orderly.text.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Against DNS rebinding: a page from a name an attacker owns, which the attacker then resolves to the gateway's
 * address, is to the browser that name's origin, and its requests reach the gateway with that name as Host. It has
 * no sign-in (the cookie is the page's real name's), but it may call what needs none, from inside the LAN: guess
 * passwords, counted against its visitor's address so that computer's own sign-in is held off, and read
 * {@code /api/status}. With {@code web.hosts} a request is answered only for a Host that is an IP address (a
 * rebinding page's never is: it is a name the attacker resolves), localhost, {@code web.bind} or a listed name;
 * others get 421. Without it every name is answered: the names an installer reaches the page by (mDNS, the
 * router's DNS, a proxy's) cannot be known here, and refusing them would lock the installer out.
 */
final class HostGuard {
    private static final Logger LOG = LoggerFactory.getLogger(HostGuard.class);
    private final Set<String> names;

    /** @param hosts the names of {@code web.hosts}, normalized; empty: every name is answered */
    HostGuard(Set<String> hosts, String bind) {
        Set<String> all = new HashSet<>(hosts);
        String bindName = HostName.normalized(bind);
        if (!all.isEmpty() && bindName != null && IpLiteral.normalized(bind) == null) {
            // The setup link is made with web.bind: it must open.
            all.add(bindName);
        }
        this.names = Set.copyOf(all);
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        // No Host at all is an HTTP/1.0 client, never a browser.
        if (host == null || answers(host)) {
            return;
        }
        // Debug: anyone may send as many as they like.
        LOG.debug("local page: {} {} for host '{}' refused (not in web.hosts)", ctx.method(), ctx.path(),
                OneLine.of(host));
        throw new ApiError(421, "this page answers to its IP address and the names in web.hosts, not to '"
                + OneLine.of(host) + "'");
    }

    /** Whether a request with this Host header is answered. */
    boolean answers(String hostHeader) {
        if (names.isEmpty()) {
            return true;
        }
        String host = hostOf(hostHeader);
        if (IpLiteral.normalized(host) != null) {
            return true;
        }
        String name = HostName.normalized(host);
        return name != null && (name.equals("localhost") || names.contains(name));
    }

    /** The host of a Host header: {@code [::1]:8080} is {@code [::1]}, {@code orderly.lan:8080} is {@code orderly.lan}. */
    static String hostOf(String hostHeader) {
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }
}
