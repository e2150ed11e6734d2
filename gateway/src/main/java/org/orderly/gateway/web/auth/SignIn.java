package org.orderly.gateway.web.auth;

import java.time.Instant;

/** A signed-in browser: who, in what role, the token it must echo on every change (CSRF), and when it lapses. */
public record SignIn(String token, String name, Role role, String csrf, Instant expires) {
}
