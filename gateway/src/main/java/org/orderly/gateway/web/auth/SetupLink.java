package org.orderly.gateway.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-time setup token: while no installer account exists, the page logs a link carrying it, and whoever
 * opens it first sets the installer's password. It is used up by that, and never exists once an installer does. It
 * lapses {@link #LIFETIME} after it was made (at the page's start): the log keeps it, and whoever may read the log
 * must not be able to take the installer account of a gateway left unset for months. A restart makes a new one.
 */
public final class SetupLink {
    /** How long the link works after the start: a day to open it, as Portainer gives minutes. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** What offering a token did. */
    public enum Use {
        /** The right token, now used up. */
        TAKEN,
        /** The right token, but it lapsed: a restart makes a new one. */
        LAPSED,
        /** No such token (wrong, used, or never needed). */
        REFUSED
    }

    private final AtomicReference<String> token = new AtomicReference<>();
    private final Clock clock;
    private final Instant lapses;

    private SetupLink(Clock clock) {
        this.clock = clock;
        this.lapses = clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A new token, lapsing {@link #LIFETIME} from now on {@code clock}, when there is no installer yet; none otherwise. */
    public static SetupLink forAccounts(Accounts accounts, Clock clock) {
        SetupLink link = new SetupLink(clock);
        if (!accounts.hasInstaller()) {
            link.token.set(SignIns.token());
        }
        return link;
    }

    /** The token, or null once used or lapsed (or when never needed). */
    public String token() {
        return lapsed() ? null : token.get();
    }

    /** When the token lapses. */
    public Instant lapses() {
        return lapses;
    }

    /**
     * {@link Use#TAKEN} exactly once, for the right token before it lapses; compared in constant time. The token is
     * taken at once, so that two requests with it cannot both set up an installer; {@link #giveBack} returns it when
     * that failed.
     */
    public Use use(String offered) {
        String t = token.get();
        if (t == null || offered == null || !MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                offered.getBytes(StandardCharsets.UTF_8))) {
            return Use.REFUSED;
        }
        if (lapsed()) {
            return Use.LAPSED;
        }
        return token.compareAndSet(t, null) ? Use.TAKEN : Use.REFUSED;
    }

    /**
     * Makes {@code used}, taken by {@link #use}, work again: the installer it was used for could not be saved, and
     * with no installer and no link no one could sign in until a restart.
     */
    public void giveBack(String used) {
        token.compareAndSet(null, used);
    }

    private boolean lapsed() {
        return !clock.instant().isBefore(lapses);
    }
}
