package org.orderly.gateway.web.auth;

import java.time.Instant;

/**
 * A signed-in browser: who, in what role, the token it must echo on every change (CSRF), when it lapses unless used
 * ({@code expires}), and when it ends however it is used ({@code ends}, {@link SignIns#MAX_AGE} after it was made).
 */
public record SignIn(String token, String name, Role role, String csrf, Instant expires, Instant ends) {
}
