package org.orderly.gateway.web.auth;

import java.util.Objects;

/** One user of the local page: a name, a role and a {@link PasswordHash} (never the password). */
public record Account(String name, Role role, String hash) {
    public static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,32}";

    public Account {
        Objects.requireNonNull(role, "role");
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("a user name is 1..32 letters, digits, '.', '_' or '-', was " + name);
        }
        if (!PasswordHash.wellFormed(hash)) {
            throw new IllegalArgumentException("user " + name + ": the password hash is not pbkdf2-sha256$ITER$SALT$HASH");
        }
    }
}
