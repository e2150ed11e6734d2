package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installer lists and removes users on a live gateway on 127.0.0.1: a removed user's sign-ins end at once, a
 * viewer sees no list and removes no one, and the last installer can be neither removed nor made a viewer. (Its own
 * gateway, so the accounts are known.)
 */
class WebUsersTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    Path dir;
    private WebRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void anInstallerRemovesAUserWhoseSignInsEndAndNeverTheLastInstaller() throws Exception {
        rig = new WebRig(1, dir);
        ApiClient li = new ApiClient(rig.base);
        assertThat(li.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
        assertThat(li.post("/api/users", user("zhou", "viewer")).status()).isEqualTo(201);
        ApiClient zhou = new ApiClient(rig.base);
        assertThat(zhou.login("zhou", PASSWORD).status()).isEqualTo(200);

        assertThat(li.get("/api/users").body().toString())
                .isEqualTo("[{\"name\":\"li\",\"role\":\"installer\"},{\"name\":\"zhou\",\"role\":\"viewer\"}]");
        assertThat(zhou.get("/api/users").status()).as("a viewer sees no list").isEqualTo(403);
        assertThat(zhou.delete("/api/users/li").status()).as("a viewer removes no one").isEqualTo(403);

        ApiClient.Reply last = li.delete("/api/users/li");
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.body().get("error").asText()).isEqualTo("'li' is the last installer; add another installer first");
        assertThat(li.post("/api/users", user("li", "viewer")).status()).as("nor made a viewer").isEqualTo(409);
        assertThat(li.get("/api/me").body().get("role").asText()).isEqualTo("installer");

        ApiClient.Reply removed = li.delete("/api/users/zhou");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("signInsEnded").asInt()).isEqualTo(1);
        assertThat(zhou.get("/api/overview").status()).as("the removed user's sign-in").isEqualTo(401);
        assertThat(new ApiClient(rig.base).login("zhou", PASSWORD).status()).isEqualTo(401);
        assertThat(li.delete("/api/users/zhou").status()).as("already gone").isEqualTo(404);

        assertThat(li.post("/api/users", user("sun", "installer")).status()).isEqualTo(201);
        assertThat(li.delete("/api/users/li").status()).as("with another installer").isEqualTo(200);
        assertThat(li.get("/api/overview").status()).isEqualTo(401);
        assertThat(new ApiClient(rig.base).login("sun", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aUserRemovedWhileSigningInCannotUseThePage() throws Exception {
        rig = new WebRig(1, dir);
        ApiClient li = new ApiClient(rig.base);
        assertThat(li.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
        for (int round = 1; round <= 3; round++) {
            assertThat(li.post("/api/users", user("sun", "installer")).status()).isEqualTo(201);
            ApiClient sun = new ApiClient(rig.base);
            // The sign-in checks the password for a while (600,000 PBKDF2 rounds); the removal lands meanwhile or
            // just before or after it. Whatever the order, sun must not be able to use the page afterwards.
            Thread signingIn = new Thread(() -> {
                try {
                    sun.login("sun", PASSWORD);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            signingIn.start();
            Thread.sleep(30);
            assertThat(li.delete("/api/users/sun").status()).isEqualTo(200);
            signingIn.join(10_000);
            assertThat(sun.get("/api/overview").status()).as("round %d", round).isEqualTo(401);
            assertThat(sun.post("/api/users", user("sun", "installer")).status()).as("round %d", round).isEqualTo(401);
        }
    }

    @Test
    void anInstallerRemovedWhileAddingAUserAddsNoOne() throws Exception {
        rig = new WebRig(1, dir);
        ApiClient li = new ApiClient(rig.base);
        assertThat(li.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
        assertThat(li.post("/api/users", user("sun", "installer")).status()).isEqualTo(201);
        ApiClient sun = new ApiClient(rig.base);
        assertThat(sun.login("sun", PASSWORD).status()).isEqualTo(200);
        // sun, about to be let go, adds an installer of its own; adding hashes its password (600,000 PBKDF2 rounds),
        // and li removes sun meanwhile. Once the removal is answered, nothing sun sent may still take effect.
        Thread adding = new Thread(() -> {
            try {
                sun.post("/api/users", user("sun2", "installer"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        adding.start();
        Thread.sleep(30);
        ApiClient.Reply removed = li.delete("/api/users/sun");
        adding.join(10_000);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(li.get("/api/users").body().toString()).as("the users after sun's removal")
                .isEqualTo("[{\"name\":\"li\",\"role\":\"installer\"}]");
        assertThat(new ApiClient(rig.base).login("sun2", PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void aChangeThatCannotBeSavedIsReportedAsNotSavedAndChangesNothing() throws Exception {
        rig = new WebRig(1, dir);
        ApiClient li = new ApiClient(rig.base);
        assertThat(li.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
        assertThat(li.post("/api/users", user("sun", "viewer")).status()).isEqualTo(201);
        // Where the new file is written first, a directory with something in it: saving fails whoever runs the test
        // (root too), as a full disk would.
        Path blocker = Files.createDirectories(dir.resolve("web-users.json.tmp/in-the-way"));

        ApiClient.Reply added = li.post("/api/users", user("zhou", "viewer"));
        ApiClient.Reply removed = li.delete("/api/users/sun");
        ApiClient.Reply changed = li.post("/api/me/password",
                "{\"current\":\"" + PASSWORD + "\",\"password\":\"another horse battery\"}");

        for (ApiClient.Reply failed : new ApiClient.Reply[] {added, removed, changed}) {
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body().get("error").asText()).startsWith("the change could not be saved (")
                    .contains("web-users.json: cannot write").endsWith("); nothing changed");
        }
        assertThat(li.get("/api/users").body().toString())
                .isEqualTo("[{\"name\":\"li\",\"role\":\"installer\"},{\"name\":\"sun\",\"role\":\"viewer\"}]");
        assertThat(new ApiClient(rig.base).login("zhou", PASSWORD).status()).isEqualTo(401);
        assertThat(new ApiClient(rig.base).login("li", PASSWORD).status()).as("the old password").isEqualTo(200);

        Files.delete(blocker);
        assertThat(li.post("/api/users", user("zhou", "viewer")).status()).as("once saving works").isEqualTo(201);
    }

    private static String user(String name, String role) {
        return "{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}";
    }
}
