package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-time setup link on a live gateway on 127.0.0.1, when the accounts cannot be saved. */
class WebSetupTest {
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
    void theSetupLinkStillWorksAfterTheAccountsCouldNotBeSaved() throws Exception {
        // A file where the accounts' directory should be: saving fails whoever runs the test (root too, unlike a
        // directory without write permission), as a full disk or a read-only mount would.
        Path blocker = Files.writeString(dir.resolve("accounts"), "not a directory");
        rig = new WebRig(1, dir, List::of, "", "accounts/web-users.json");
        String token = rig.setupToken();
        ApiClient li = new ApiClient(rig.base);

        ApiClient.Reply failed = li.setup(token, "li", PASSWORD);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body().get("error").asText()).startsWith("the account could not be saved (")
                .contains("accounts/web-users.json: cannot write").endsWith("; the setup link works again once that is fixed");
        assertThat(rig.web.setupUrl()).as("the link, after saving failed").endsWith("#setup=" + token);
        assertThat(li.get("/api/overview").status()).as("no one signed in").isEqualTo(401);

        Files.delete(blocker);
        assertThat(li.setup(token, "li", PASSWORD).status()).as("the same link, once saving works").isEqualTo(200);
        assertThat(li.get("/api/overview").status()).isEqualTo(200);
        assertThat(rig.web.setupUrl()).isNull();
        assertThat(new ApiClient(rig.base).setup(token, "mallory", PASSWORD).status()).as("used up").isEqualTo(403);
        assertThat(new ApiClient(rig.base).login("li", PASSWORD).status()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("accounts/web-users.json"))).contains("\"li\"");
    }
}
