package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing passwords on the local page of a live gateway on 127.0.0.1: after five failures from one address even
 * the right password is refused with 429 and a Retry-After, until a minute has passed. (Its own gateway: the
 * lockout would otherwise reach the other tests, which share 127.0.0.1.)
 */
class WebSignInThrottleTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    static Path dir;
    private static WebRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new WebRig(1, dir);
        assertThat(new ApiClient(rig.base).setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void fiveFailuresFromOneAddressLockItOutForAMinute() throws Exception {
        ApiClient guesser = new ApiClient(rig.base);
        assertThat(guesser.login("li", PASSWORD).status()).as("a right password clears the count").isEqualTo(200);

        for (int i = 1; i <= 5; i++) {
            assertThat(guesser.login("li", "guess number " + i).status()).as("guess %d", i).isEqualTo(401);
        }
        ApiClient.Reply refused = guesser.login("li", "guess number 6");
        ApiClient.Reply evenTheRightOne = new ApiClient(rig.base).login("li", PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("error").asText()).startsWith("too many failed sign-ins; try again in ");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(evenTheRightOne.status()).isEqualTo(429);
    }
}
