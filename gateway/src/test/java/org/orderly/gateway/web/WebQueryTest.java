package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.web.SignedInApi.PASSWORD;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's API reads a query string as strictly as a request body, against a live gateway on 127.0.0.1: a parameter
 * given twice, one the route does not take (a typo, or any on a route that takes none), a value that is not a whole
 * number in range, and a query that is not percent-encoded UTF-8 are each refused with 400, one line and a
 * {@link Refusal} code, and nothing is done. Until 2026-12-02 {@code /api/events?hours=24&hours=1} took the first,
 * {@code ?hour=1} and {@code ?hours=2%4} were passed over (24 hours answered), and {@code DELETE
 * /api/users/wang?dryRun=1} removed wang.
 */
@Timeout(120)
class WebQueryTest {
    @RegisterExtension
    static final SignedInApi gateway = new SignedInApi();
    private final ApiClient li = gateway.installer();

    @Test
    void aParameterGivenTwiceIsRefused() throws Exception {
        for (String query : new String[] {"hours=24&hours=1", "hours=1&hours=1", "hours=1&h%6Furs=24"}) {
            ApiClient.Reply r = li.get("/api/events?" + query);
            assertRefused(r, query, "QUERY_PARAMETER_TWICE", "the query gives 'hours' twice; give it once");
            assertThat(r.body().path("args").path("name").asText()).isEqualTo("hours");
        }
    }

    @Test
    void aParameterTheRouteDoesNotTakeIsRefused() throws Exception {
        assertRefused(li.get("/api/events?hour=24"), "hour", "UNKNOWN_QUERY_PARAMETER",
                "unknown query parameter 'hour'; expected hours");
        assertRefused(li.get("/api/events?hours=1&HOURS=24"), "HOURS", "UNKNOWN_QUERY_PARAMETER",
                "unknown query parameter 'HOURS'; expected hours");
        assertRefused(li.get("/api/events?hours=1&=24"), "a nameless one", "UNKNOWN_QUERY_PARAMETER",
                "unknown query parameter ''; expected hours");
        ApiClient.Reply typo = li.get("/api/events?hour=24");
        assertThat(typo.body().path("args").path("name").asText()).isEqualTo("hour");
        assertThat(typo.body().path("args").path("expected").asText()).isEqualTo("hours");
        String long45 = "x".repeat(45);
        assertRefused(li.get("/api/events?" + long45 + "=1"), "a long name", "UNKNOWN_QUERY_PARAMETER",
                "unknown query parameter '" + "x".repeat(40) + "...'; expected hours");
    }

    @Test
    void aRouteThatTakesNoParameterRefusesAny() throws Exception {
        for (String path : new String[] {"/api/overview?x=1", "/api/piles?x=1", "/api/chart?hours=48", "/api/me?x",
                "/api/users?role=viewer", "/api/status?x=1", "/api/i18n/zh?x=1"}) {
            String name = path.substring(path.indexOf('?') + 1).split("=")[0];
            assertRefused(li.get(path), path, "QUERY_NOT_TAKEN",
                    "unknown query parameter '" + name + "'; this request takes none");
        }
        assertThat(li.post("/api/users", "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);
        assertRefused(li.delete("/api/users/wang?dryRun=1"), "a removal", "QUERY_NOT_TAKEN",
                "unknown query parameter 'dryRun'; this request takes none");
        assertThat(li.get("/api/users").body().toString()).as("wang not removed").contains("wang");
        assertRefused(li.post("/api/piles/p0/limit?amps=0", "{\"amps\":16}"), "a limit", "QUERY_NOT_TAKEN",
                "unknown query parameter 'amps'; this request takes none");
        List<String> limits = new ArrayList<>();
        li.get("/api/events?hours=1").body().forEach(e -> {
            if (e.path("kind").asText().equals("web.limit")) {
                limits.add(e.path("message").asText());
            }
        });
        assertThat(limits).as("no limit set").isEmpty();

        ApiClient stranger = gateway.client();
        assertThat(stranger.get("/api/overview?x=1").status()).as("the sign-in comes first").isEqualTo(401);
        assertThat(li.getAsWritten("/api/nothing?x=1").status()).as("no such route").isEqualTo(404);
        assertThat(li.getAsWritten("/app.js?v=2").status()).as("a static file's query is not the API's").isEqualTo(200);
        for (String path : new String[] {"/api/overview?", "/api/events?hours=1&", "/api/events?&hours=1",
                "/api/events", "/api/events/?hours=1"}) {
            assertThat(li.get(path).status()).as("%s: nothing given twice or unknown", path).isEqualTo(200);
        }
    }

    @Test
    void aValueThatIsNotAWholeNumberInRangeIsRefusedWithItsCode() throws Exception {
        // %2B is +, which Integer.parseInt took; a + as written is a space; %EF%BC%92%EF%BC%94 is the full-width 24,
        // which Integer.parseInt took too.
        String[][] cases = {{"hours=", ""}, {"hours", ""}, {"hours=0", "0"}, {"hours=745", "745"}, {"hours=-1", "-1"},
                {"hours=1.5", "1.5"}, {"hours=abc", "abc"}, {"hours=%2B24", "+24"}, {"hours=+24", " 24"},
                {"hours=%EF%BC%92%EF%BC%94", "２４"}, {"hours=99999999999", "99999999999"},
                {"hours=24%0A", "24\\u000a"}};
        for (String[] c : cases) {
            ApiClient.Reply r = li.get("/api/events?" + c[0]);
            assertRefused(r, c[0], "QUERY_VALUE_INVALID",
                    "hours: a whole number from 1 to 744, was '" + c[1] + "'");
            assertThat(r.body().path("args").path("name").asText()).isEqualTo("hours");
            assertThat(r.body().path("args").path("min").asInt()).isEqualTo(1);
            assertThat(r.body().path("args").path("max").asInt()).isEqualTo(744);
            assertThat(r.body().path("args").path("was").asText()).isEqualTo(c[1]);
        }
        for (String query : new String[] {"hours=1", "hours=744", "h%6Furs=%32%34"}) {
            assertThat(li.get("/api/events?" + query).status()).as(query).isEqualTo(200);
        }
    }

    /** Sent as written: the JDK's HttpClient sends no such query. */
    @Test
    void aQueryThatIsNotPercentEncodedUtf8IsRefused() throws Exception {
        for (String query : new String[] {"hours=2%4", "hours=%", "%zz=1", "hours=%FF", "hours=%E4%B8"}) {
            ApiClient.Reply r = li.getAsWritten("/api/events?" + query);
            assertRefused(r, query, "QUERY_NOT_ENCODED",
                    "the query string is not percent-encoded UTF-8: '" + query + "'");
            assertThat(r.body().path("args").path("query").asText()).isEqualTo(query);
        }
        assertRefused(li.getAsWritten("/api/overview?x=%"), "on a route that takes none", "QUERY_NOT_ENCODED",
                "the query string is not percent-encoded UTF-8: 'x=%'");
        assertThat(li.getAsWritten("/api/events?hours=%32%34").status()).as("well encoded").isEqualTo(200);
    }

    private static void assertRefused(ApiClient.Reply r, String what, String code, String error) {
        assertThat(r.status()).as("%s: %s", what, r.body()).isEqualTo(400);
        assertThat(r.body().path("code").asText()).as(what).isEqualTo(code);
        assertThat(r.body().path("error").asText()).as(what).isEqualTo(error);
    }
}
