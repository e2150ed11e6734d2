package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.orderly.gateway.app.config.IpLiteral;

/**
 * Whom a request comes from, as the sign-in throttle counts and the log names it. Behind a reverse proxy (the TLS
 * proxy docs/web.md recommends) every request comes from the proxy's address, so five wrong passwords from anyone
 * would hold everyone off; a proxy the installer trusts ({@code web.trustedProxies}) is asked instead. Its
 * X-Forwarded-For is read from the right, past the trusted proxies' own entries, to the first address they did not
 * write: entries further left come from the client and anyone can forge them. A header from an untrusted peer is
 * ignored, and a trusted proxy's header that is not a list of addresses counts the proxy itself.
 */
final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    private final Set<String> trustedProxies;

    ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    String of(Context ctx) {
        String peer = ctx.ip();
        String normalized = IpLiteral.normalized(peer);
        if (normalized == null || !trustedProxies.contains(normalized)) {
            return peer;
        }
        return of(normalized, Collections.list(ctx.req().getHeaders(FORWARDED_FOR)));
    }

    /**
     * True when the browser reached the page over HTTPS: this connection is TLS, or it comes from a trusted proxy
     * whose {@value #FORWARDED_PROTO} (its first entry: the scheme the outermost proxy was reached by) says https. A
     * header from any other peer is ignored, as its X-Forwarded-For is.
     */
    boolean overHttps(Context ctx) {
        if (ctx.req().isSecure()) {
            return true;
        }
        String normalized = IpLiteral.normalized(ctx.ip());
        String proto = ctx.header(FORWARDED_PROTO);
        return normalized != null && trustedProxies.contains(normalized) && proto != null
                && proto.split(",", -1)[0].strip().equalsIgnoreCase("https");
    }

    /** The client behind {@code peer} (a trusted proxy), given the X-Forwarded-For headers it sent, in order. */
    String of(String peer, List<String> forwardedFor) {
        String joined = String.join(",", forwardedFor);
        if (joined.isBlank()) {
            return peer;
        }
        String[] hops = joined.split(",", -1);
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = IpLiteral.normalized(hops[i]);
            if (hop == null) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
