package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password reaches the journal, whatever is typed where (a live gateway on 127.0.0.1, its log captured): the
 * setup, sign-ins right and wrong, a password typed into the name field, one's own password changed with a wrong
 * and the right current one, a user added.
 */
class WebSecretsNotLoggedTest {
    private static final String INSTALLER = "property-office-2026";
    private static final String TYPED_AS_NAME = "wang-secret-77";
    private static final String NEW_OWN = "the new one 2026!";
    private static final String VIEWER = "viewer pass 2026";

    @Test
    void noPasswordIsLoggedWhereverItIsTyped(@TempDir Path dir) throws Exception {
        try (CapturedLog log = new CapturedLog(); WebRig rig = new WebRig(1, dir)) {
            ApiClient li = new ApiClient(rig.base);
            assertThat(li.setup(rig.setupToken(), "li", INSTALLER).status()).isEqualTo(200);
            ApiClient office = new ApiClient(rig.base);
            // The password in the name field, the name in the password field: the commonest slip at a sign-in.
            assertThat(office.login(TYPED_AS_NAME, "wang").status()).isEqualTo(401);
            assertThat(office.login("li", INSTALLER + "x").status()).isEqualTo(401);
            assertThat(office.login("li", INSTALLER).status()).isEqualTo(200);
            assertThat(office.post("/api/me/password", "{\"current\":\"" + INSTALLER + "?\",\"password\":\""
                    + NEW_OWN + "\"}").status()).isEqualTo(403);
            assertThat(office.post("/api/me/password", "{\"current\":\"" + INSTALLER + "\",\"password\":\""
                    + NEW_OWN + "\"}").status()).isEqualTo(200);
            assertThat(office.post("/api/users", "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"" + VIEWER
                    + "\"}").status()).isEqualTo(201);

            assertThat(log.lines("failed sign-in")).as("both failures are logged").hasSize(2);
            assertThat(log.lines("failed sign-in for an unknown name of 14 characters from 127.0.0.1")).hasSize(1);
            assertThat(log.lines("failed sign-in for 'li' from 127.0.0.1")).hasSize(1);
            for (String secret : new String[] {INSTALLER, TYPED_AS_NAME, NEW_OWN, VIEWER}) {
                assertThat(log.lines(secret)).as("lines logged with '%s'", secret).isEmpty();
            }
        }
    }
}
