package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the API tests that share one gateway across a class need: a live one-pile gateway ({@link WebRig}) in a
 * directory of its own, and the installer's first account ({@link #NAME}, {@link #PASSWORD}) made through the
 * one-time setup link by a client that stays signed in. Registered with {@code @RegisterExtension} on a static field,
 * it starts them before the class's first test, and closes the gateway and removes its directory after the last; the
 * browser tests share theirs through {@link SignedInPage} the same way.
 */
final class SignedInApi implements BeforeAllCallback, AfterAllCallback {
    static final String NAME = "li";
    static final String PASSWORD = "correct horse battery";

    private Path dir;
    private WebRig rig;
    private ApiClient installer;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("signed-in-api");
        rig = new WebRig(1, dir);
        installer = new ApiClient(rig.base);
        assertThat(installer.setup(rig.setupToken(), NAME, PASSWORD).status()).as("the first account")
                .isEqualTo(200);
    }

    /** The client that made the first account, signed in as {@link #NAME}. */
    ApiClient installer() {
        return installer;
    }

    /** The gateway's page, {@code http://127.0.0.1:port}, for a request no {@link ApiClient} makes. */
    String base() {
        return rig.base;
    }

    /** A client of its own, signed in as no one. */
    ApiClient client() {
        return new ApiClient(rig.base);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (rig != null) {
            rig.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
