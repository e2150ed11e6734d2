package org.orderly.gateway.web.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed-in browsers, in memory (a gateway restart signs everyone out). A sign-in lapses after
 * {@code lifetime} without use; each use extends it, but never beyond {@link #MAX_AGE} after it was made. Tokens
 * are 256 random bits.
 */
public final class SignIns {
    /**
     * A sign-in ends this long after it was made, however it is used: the page's requests keep one in use all day on
     * the office's shared PC. A working day and its evening (OWASP ASVS 3.3.2 asks for one; OWASP Cornucopia SM6
     * names 8 or 12 hours); the manager signs in again the next morning.
     */
    public static final Duration MAX_AGE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, SignIn> byToken = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    public SignIns(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public SignIn start(Account account) {
        purge();
        Instant now = clock.instant();
        Instant ends = now.plus(MAX_AGE);
        SignIn s = new SignIn(token(), account.name(), account.role(), token(), earlier(now.plus(lifetime), ends), ends);
        byToken.put(s.token(), s);
        return s;
    }

    /** The live sign-in for {@code token}, extended by this use (up to its end); empty when unknown or lapsed. */
    public Optional<SignIn> use(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SignIn s = byToken.computeIfPresent(token, (k, v) -> v.expires().isAfter(now)
                ? new SignIn(v.token(), v.name(), v.role(), v.csrf(), earlier(now.plus(lifetime), v.ends()), v.ends())
                : null);
        return Optional.ofNullable(s);
    }

    /** True while {@code token} is signed in; does not extend it (the live stream is not a use). */
    public boolean live(String token) {
        SignIn s = token == null ? null : byToken.get(token);
        return s != null && s.expires().isAfter(clock.instant());
    }

    public void end(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /**
     * Ends every sign-in of {@code name} but the one with token {@code keep} (may be null): after that user's password
     * or role changed, a browser signed in with the old one must not stay signed in, nor keep the old role.
     * Returns how many ended.
     */
    public int endAllOf(String name, String keep) {
        int ended = 0;
        for (SignIn s : byToken.values()) {
            // By token alone: a browser using its sign-in at this moment has its record replaced (a later expiry), and
            // must be signed out all the same. Counted by what this call removed.
            if (s.name().equals(name) && !s.token().equals(keep) && byToken.remove(s.token()) != null) {
                ended++;
            }
        }
        return ended;
    }

    public Duration lifetime() {
        return lifetime;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void purge() {
        Instant now = clock.instant();
        byToken.values().removeIf(s -> !s.expires().isAfter(now));
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
