package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.SignedInApi.PASSWORD;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/web.md, API: "A body that gives a key twice is refused whatever the request, 400 ... and nothing is done", and
 * "A key the request does not take is refused too, 400 UNKNOWN_FIELD". The routes that take no body (sign-out, a
 * user's removal, an alarm's acknowledgement) never read theirs: a body with a key twice, a key they do not take, or
 * no JSON at all is passed over and the change is made, as {@code DELETE /api/users/wang?dryRun=1} did with the query
 * until 2026-12-02.
 */
class WebBodyOnBodilessRoutesTest {
    @RegisterExtension
    static final SignedInApi gateway = new SignedInApi();
    private final ApiClient li = gateway.installer();

    @Test
    void aUsersRemovalWithAKeyItDoesNotTakeIsRefusedAndRemovesNoOne() throws Exception {
        assertThat(li.post("/api/users", "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);

        ApiClient.Reply r = li.send("DELETE", "/api/users/wang", "{\"dryRun\":true}");

        assertThat(r.status()).as("DELETE /api/users/wang with {\"dryRun\":true}: %s", r.body()).isEqualTo(400);
        assertThat(r.body().get("code").asText()).isEqualTo("BODY_NOT_TAKEN");
        assertThat(r.body().get("error").asText()).isEqualTo("unknown key 'dryRun'; this request takes none");
        assertThat(li.get("/api/users").body().toString()).as("wang not removed").contains("wang");
        assertThat(li.send("DELETE", "/api/users/wang", null).status()).as("as the page sends it: no body").isEqualTo(200);
    }

    @Test
    void anAcknowledgementWithAKeyItDoesNotTakeIsRefused() throws Exception {
        ApiClient.Reply r = li.post("/api/alarms/a1/ack", "{\"by\":\"zhao\"}");

        assertThat(r.status()).as("POST /api/alarms/a1/ack with {\"by\":\"zhao\"}: %s", r.body()).isEqualTo(400);
        assertThat(r.body().get("code").asText()).isEqualTo("BODY_NOT_TAKEN");
        // An alarm no gateway in a test raises: a1 may be one (CI at load 17: the start-up's stale meter, 200, not 404).
        assertThat(li.post("/api/alarms/a999999/ack", " {} ").status()).as("as the page sends it: {}, no such alarm")
                .isEqualTo(404);
    }

    @Test
    void aSignOutWithTheEmptyObjectThePageSendsSignsOut() throws Exception {
        ApiClient qian = gateway.client();
        assertThat(qian.login("li", PASSWORD).status()).isEqualTo(200);

        assertThat(qian.post("/api/logout", "{}").status()).isEqualTo(204);
        assertThat(qian.get("/api/me").status()).as("signed out").isEqualTo(401);
    }

    @Test
    void aSignOutWhoseBodyGivesAKeyTwiceIsRefusedAndSignsNoOneOut() throws Exception {
        ApiClient zhou = gateway.client();
        assertThat(zhou.login("li", PASSWORD).status()).isEqualTo(200);

        ApiClient.Reply r = zhou.post("/api/logout", "{\"all\":false,\"all\":true}");

        assertThat(r.status()).as("POST /api/logout with a key given twice: %s", r.body()).isEqualTo(400);
        assertThat(zhou.get("/api/me").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aChangeWhoseBodyIsNotJsonAtAllIsRefused() throws Exception {
        ApiClient sun = gateway.client();
        assertThat(sun.login("li", PASSWORD).status()).isEqualTo(200);

        ApiClient.Reply r = sun.post("/api/logout", "this is not JSON");

        assertThat(r.status()).as("POST /api/logout with a body that is not JSON: %s", r.body()).isEqualTo(400);
    }
}
