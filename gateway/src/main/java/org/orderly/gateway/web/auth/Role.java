package org.orderly.gateway.web.auth;

/** What a signed-in user may do: a viewer only looks; an installer may also reserve, pause and limit piles and manage users. */
public enum Role {
    VIEWER, INSTALLER;

    public boolean mayChange() {
        return this == INSTALLER;
    }
}
