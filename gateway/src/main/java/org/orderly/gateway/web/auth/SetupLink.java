package org.orderly.gateway.web.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-time setup token: while no installer account exists, the page logs a link carrying it, and whoever
 * opens it first sets the installer's password. It is used up by that, and never exists once an installer does.
 */
public final class SetupLink {
    private final AtomicReference<String> token = new AtomicReference<>();

    /** A new token when there is no installer yet; empty otherwise. */
    public static SetupLink forAccounts(Accounts accounts) {
        SetupLink link = new SetupLink();
        if (!accounts.hasInstaller()) {
            link.token.set(SignIns.token());
        }
        return link;
    }

    /** The token, or null once used (or when never needed). */
    public String token() {
        return token.get();
    }

    /**
     * True exactly once, for the right token; compared in constant time. The token is taken at once, so that two
     * requests with it cannot both set up an installer; {@link #giveBack} returns it when that failed.
     */
    public boolean use(String offered) {
        String t = token.get();
        if (t == null || offered == null || !MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                offered.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        return token.compareAndSet(t, null);
    }

    /**
     * Makes {@code used}, taken by {@link #use}, work again: the installer it was used for could not be saved, and
     * with no installer and no link no one could sign in until a restart.
     */
    public void giveBack(String used) {
        token.compareAndSet(null, used);
    }
}
