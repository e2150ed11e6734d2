package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API path there is no route for is 404, and a route asked with a method it does not take is 405 with an
 * {@code Allow} header, both answered as every other refusal: JSON with {@code error}, a {@link Refusal} code and its
 * figures, against a live gateway on 127.0.0.1. Until 2026-12-02 both were 404 text/plain ({@code Endpoint PUT
 * /api/piles/p0/limit not found}).
 */
@Timeout(120)
class WebUnknownRouteTest {
    @RegisterExtension
    static final SignedInApi gateway = new SignedInApi();
    private final ApiClient li = gateway.installer();

    @Test
    void anUnknownPathIs404Json() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            ApiClient.Reply r = li.send(method, "/api/nothing", method.equals("GET") ? null : "{}");
            assertThat(r.status()).as("%s: %s", method, r.body()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(method).startsWith("application/json");
            assertThat(r.body().path("code").asText()).as(method).isEqualTo("NO_SUCH_PATH");
            assertThat(r.body().path("error").asText()).as(method).isEqualTo("no such path: /api/nothing");
            assertThat(r.body().path("args").path("path").asText()).isEqualTo("/api/nothing");
        }
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() throws Exception {
        ApiClient.Reply r = li.send("PUT", "/api/piles/p0/limit", "{\"amps\":16}");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(405);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(r.body().path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(r.body().path("error").asText()).isEqualTo("PUT is not taken on /api/piles/p0/limit; use POST");
        assertThat(r.body().path("args").path("method").asText()).isEqualTo("PUT");
        assertThat(r.body().path("args").path("allowed").asText()).isEqualTo("POST");

        ApiClient.Reply users = li.send("PUT", "/api/users", "{}");
        assertThat(users.status()).isEqualTo(405);
        assertThat(users.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");

        ApiClient.Reply overview = li.send("DELETE", "/api/overview", null);
        assertThat(overview.status()).isEqualTo(405);
        assertThat(overview.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    /**
     * A request with no body and no Content-Type, as {@code curl -X PUT} sends one, is told what is wrong with it: a
     * method the route does not take is 405, a path with no route 404. Until 2026-12-05 every such request that was not
     * a GET was 415 {@code send the request body as application/json}, a stranger's too, before its sign-in was looked at.
     */
    @Test
    void aBareRequestIsToldItsMethodOrPathNotHowToSendABody() throws Exception {
        ApiClient.Reply put = li.sendBare("PUT", "/api/piles/p0/limit");
        assertThat(put.status()).as("%s", put.body()).isEqualTo(405);
        assertThat(put.body().path("error").asText()).isEqualTo("PUT is not taken on /api/piles/p0/limit; use POST");
        assertThat(put.headers().firstValue("Allow")).hasValue("POST");
        ApiClient.Reply options = li.sendBare("OPTIONS", "/api/piles/p0/limit");
        assertThat(options.status()).as("%s", options.body()).isEqualTo(405);
        ApiClient.Reply nothing = li.sendBare("DELETE", "/api/nothing");
        assertThat(nothing.status()).as("%s", nothing.body()).isEqualTo(404);
        assertThat(nothing.body().path("code").asText()).isEqualTo("NO_SUCH_PATH");

        ApiClient stranger = gateway.client();
        for (String method : new String[] {"PUT", "POST", "DELETE", "OPTIONS"}) {
            ApiClient.Reply r = stranger.sendBare(method, "/api/users/li");
            assertThat(r.status()).as("a stranger's %s: %s", method, r.body()).isEqualTo(401);
            assertThat(r.body().path("code").asText()).isEqualTo("SIGN_IN_FIRST");
        }
        ApiClient.Reply route = li.sendBare("POST", "/api/piles/p0/limit");
        assertThat(route.status()).as("a route there is, without JSON: %s", route.body()).isEqualTo(415);
    }

    @Test
    void theRefusalsHaveTextInBothLanguages() throws Exception {
        for (String lang : new String[] {"zh", "en"}) {
            var bundle = li.get("/api/i18n/" + lang).body();
            assertThat(bundle.has("refusal.NO_SUCH_PATH")).as(lang).isTrue();
            assertThat(bundle.has("refusal.METHOD_NOT_ALLOWED")).as(lang).isTrue();
        }
    }

    @Test
    void aStrangerIsStillAskedToSignInFirst() throws Exception {
        ApiClient stranger = gateway.client();
        assertThat(stranger.send("GET", "/api/nothing", null).status()).isEqualTo(401);
    }
}
