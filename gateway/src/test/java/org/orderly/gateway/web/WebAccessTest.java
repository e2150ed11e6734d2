package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what on the local page, against a live gateway on 127.0.0.1: without a sign-in nothing but the
 * sign-in itself answers; a viewer reads but changes nothing; a change needs JSON and the CSRF token; the setup
 * link works once; bad input gets one line naming the field.
 */
class WebAccessTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    static Path dir;
    private static WebRig rig;
    private static ApiClient installer;

    @BeforeAll
    static void start() throws Exception {
        rig = new WebRig(2, dir);
        assertThat(rig.web.setupUrl()).as("a one-time setup link while no installer exists").contains("#setup=");
        installer = new ApiClient(rig.base);
        assertThat(installer.setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
        assertThat(installer.post("/api/users", "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void withoutASignInOnlyTheSignInAnswers() throws Exception {
        ApiClient stranger = new ApiClient(rig.base);
        for (String path : new String[] {"/api/overview", "/api/piles", "/api/chart", "/api/events", "/api/me",
                "/api/live"}) {
            assertThat(stranger.get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(stranger.post("/api/piles/p0/limit", "{\"amps\":0}").status()).isEqualTo(401);
        assertThat(stranger.post("/api/users", "{\"name\":\"x\",\"role\":\"installer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(401);
        assertThat(stranger.get("/api/status").status()).isEqualTo(200);
        assertThat(stranger.get("/api/i18n/zh").body().get("app.title").asText()).isEqualTo("有序充电");
        assertThat(stranger.get("/api/i18n/fr").status()).isEqualTo(404);
        assertThat(stranger.get("/api/status").body().has("setupNeeded")).as("not said to anyone").isFalse();
        assertThat(stranger.login("li", "wrong password!").status()).isEqualTo(401);
    }

    @Test
    void theSetupLinkWorksOnce() throws Exception {
        ApiClient late = new ApiClient(rig.base);
        assertThat(late.setup("anything", "mallory", PASSWORD).status()).isEqualTo(403);
        assertThat(rig.web.setupUrl()).isNull();
        String file = Files.readString(dir.resolve("web-users.json"));
        assertThat(file).contains("pbkdf2-sha256$600000$").doesNotContain(PASSWORD);
    }

    @Test
    void settingAUsersPasswordOrRoleAgainEndsItsOtherSignIns() throws Exception {
        ApiClient li = signedIn("li");
        assertThat(li.post("/api/users", "{\"name\":\"zhao\",\"role\":\"installer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);
        ApiClient zhao = signedIn("zhao");
        assertThat(zhao.post("/api/piles/p1/limit", "{\"amps\":null}").status()).isEqualTo(202);

        String newPassword = "another-long-secret";
        ApiClient.Reply demoted = li.post("/api/users",
                "{\"name\":\"zhao\",\"role\":\"viewer\",\"password\":\"" + newPassword + "\"}");
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.body().get("signInsEnded").asInt()).isEqualTo(1);
        assertThat(zhao.get("/api/overview").status()).as("the sign-in with the old password and role").isEqualTo(401);
        assertThat(zhao.post("/api/piles/p1/limit", "{\"amps\":null}").status()).isEqualTo(401);
        assertThat(li.get("/api/overview").status()).as("the installer who made the change").isEqualTo(200);

        ApiClient again = new ApiClient(rig.base);
        assertThat(again.login("zhao", newPassword).status()).isEqualTo(200);
        assertThat(again.post("/api/piles/p1/limit", "{\"amps\":null}").status()).as("a viewer now").isEqualTo(403);
    }

    @Test
    void aViewerReadsButChangesNothing() throws Exception {
        ApiClient viewer = signedIn("wang");
        assertThat(viewer.get("/api/overview").status()).isEqualTo(200);
        assertThat(viewer.get("/api/piles").body()).hasSize(2);
        assertThat(viewer.post("/api/piles/p0/limit", "{\"amps\":0}").status()).isEqualTo(403);
        assertThat(viewer.post("/api/piles/p0/reservation", "{\"energyKwh\":10}").status()).isEqualTo(403);
        assertThat(viewer.post("/api/alarms/a1/ack", "{}").status()).isEqualTo(403);
        assertThat(viewer.post("/api/users", "{\"name\":\"eve\",\"role\":\"installer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(403);
        ApiClient eve = new ApiClient(rig.base);
        assertThat(eve.login("eve", PASSWORD).status()).as("the viewer's new user was not created").isEqualTo(401);
    }

    @Test
    void aViewerChangesItsOwnPasswordGivingTheCurrentOneAndItsOtherSignInsEnd() throws Exception {
        assertThat(installer.post("/api/users", "{\"name\":\"chen\",\"role\":\"viewer\",\"password\":\"" + PASSWORD
                + "\"}").status()).isEqualTo(201);
        ApiClient office = signedIn("chen");
        ApiClient phone = signedIn("chen");
        String newPassword = "chen-office-2026";
        String change = "{\"current\":\"" + PASSWORD + "\",\"password\":\"" + newPassword + "\"}";

        ApiClient.Reply wrong = office.post("/api/me/password",
                "{\"current\":\"not the password\",\"password\":\"" + newPassword + "\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body().get("error").asText()).startsWith("current:");
        assertThat(office.post("/api/me/password", "{\"current\":\"" + PASSWORD + "\",\"password\":\"short\"}")
                .body().get("error").asText()).startsWith("password:");
        assertThat(office.post("/api/me/password", "{\"current\":\"" + PASSWORD + "\",\"password\":\"" + PASSWORD
                + "\"}").body().get("error").asText()).isEqualTo("password: the same as the current one");
        assertThat(office.post("/api/me/password", change, "application/json", null).status()).as("no CSRF token")
                .isEqualTo(403);
        assertThat(new ApiClient(rig.base).post("/api/me/password", change).status()).as("not signed in").isEqualTo(401);

        ApiClient.Reply changed = office.post("/api/me/password", change);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("signInsEnded").asInt()).isEqualTo(1);
        assertThat(phone.get("/api/overview").status()).as("the other sign-in").isEqualTo(401);
        assertThat(office.get("/api/overview").status()).as("the one that made the change").isEqualTo(200);
        assertThat(office.post("/api/piles/p0/limit", "{\"amps\":0}").status()).as("still a viewer").isEqualTo(403);
        assertThat(new ApiClient(rig.base).login("chen", PASSWORD).status()).as("the old password").isEqualTo(401);
        assertThat(new ApiClient(rig.base).login("chen", newPassword).status()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("web-users.json"))).doesNotContain(newPassword);
        assertThat(storedEvent(office, "web.password", "chen")).as("the change is in the event log")
                .isEqualTo("own password changed; 1 other sign-ins ended");
    }

    /** The message of the newest stored event of this kind and subject, waiting a little for the store's writer. */
    /** A new client of the page signed in as {@code name} with the password every test account has. */
    private static ApiClient signedIn(String name) throws Exception {
        ApiClient client = new ApiClient(rig.base);
        assertThat(client.login(name, PASSWORD).status()).as("%s signs in", name).isEqualTo(200);
        return client;
    }

    private static String storedEvent(ApiClient client, String kind, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            for (var e : client.get("/api/events?hours=1").body()) {
                if (e.get("kind").asText().equals(kind) && e.get("subject").asText().equals(subject)) {
                    return e.get("message").asText();
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Test
    void aChangeNeedsJsonAndTheCsrfToken() throws Exception {
        ApiClient li = signedIn("li");
        assertThat(li.post("/api/piles/p1/limit", "{\"amps\":null}", "application/json", null).status())
                .as("no token").isEqualTo(403);
        assertThat(li.post("/api/piles/p1/limit", "{\"amps\":null}", "application/json", "forged").status())
                .as("wrong token").isEqualTo(403);
        assertThat(li.post("/api/piles/p1/limit", "amps=0", "application/x-www-form-urlencoded", li.csrf).status())
                .as("a cross-site form").isEqualTo(415);
        assertThat(li.post("/api/piles/p1/limit", "{\"amps\":null}").status()).isEqualTo(202);
    }

    /** A current given as text ("16") is the wrong type, said as such, not a current out of the pile's range. */
    @Test
    void aNumberGivenAsTextIsATypeError() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply r = li.post("/api/piles/p0/limit", "{\"amps\":\"16\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("code").asText()).as("%s", r.body()).isEqualTo("FIELD_NOT_A_NUMBER");
        assertThat(r.body().get("error").asText()).isEqualTo("amps: must be a number, was the text \"16\"; write it without quotes");
        assertThat(r.body().path("args").path("field").asText()).isEqualTo("amps");
        assertThat(r.body().path("args").path("was").asText()).isEqualTo("\"16\"");
    }

    /**
     * A text field given as a number or a list is the wrong kind, said as such with what was given: "required" told the
     * client the name was missing when it was there.
     */
    @Test
    void aTextGivenAsAnotherKindIsATypeError() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply number = li.post("/api/users", "{\"name\":42,\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(number.status()).as("%s", number.body()).isEqualTo(400);
        assertThat(number.body().path("code").asText()).isEqualTo("FIELD_NOT_TEXT");
        assertThat(number.body().get("error").asText()).isEqualTo("name: must be text, was 42; write it in quotes");
        assertThat(number.body().path("args").path("field").asText()).isEqualTo("name");
        assertThat(number.body().path("args").path("was").asText()).isEqualTo("42");
        ApiClient.Reply list = li.post("/api/users", "{\"name\":\"x\",\"role\":[\"viewer\"],\"password\":\""
                + PASSWORD + "\"}");
        assertThat(list.body().path("code").asText()).as("%s", list.body()).isEqualTo("FIELD_NOT_TEXT");
        assertThat(list.body().get("error").asText()).isEqualTo("role: must be text, was a list");
        assertThat(list.body().path("args").path("was").asText()).isEqualTo("[\"viewer\"]");
        ApiClient.Reply longList = new ApiClient(rig.base).post("/api/login", "{\"name\":[" + "1,".repeat(30)
                + "1],\"password\":\"" + PASSWORD + "\"}");
        assertThat(longList.body().path("args").path("was").asText()).as("cut short").isEqualTo("[" + "1,".repeat(19) + "1...");
        assertThat(li.get("/api/users").body().toString()).as("no user added").doesNotContain("\"x\"");
        ApiClient.Reply secret = new ApiClient(rig.base).post("/api/login", "{\"name\":\"li\",\"password\":31415926}");
        assertThat(secret.body().path("code").asText()).as("%s", secret.body()).isEqualTo("FIELD_NOT_TEXT");
        assertThat(secret.body().toString()).as("a password is said back by its kind only").doesNotContain("31415926")
                .contains("a number");
        ApiClient.Reply nothing = li.post("/api/users", "{\"name\":null,\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(nothing.body().path("code").asText()).as("null is no name").isEqualTo("FIELD_REQUIRED");
    }

    /** A refusal carries a stable code and its figures, for the page to say it in its own language (docs/web.md). */
    @Test
    void aRefusalCarriesItsCodeAndFigures() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply r = li.post("/api/piles/p0/limit", "{\"amps\":3}");
        assertThat(r.status()).isEqualTo(400);
        // the pile's range as configured, not Java's 6.0..32.0
        assertThat(r.body().get("error").asText()).isEqualTo("amps: 0 (pause), null (no limit) or 6..32 for pile p0, was 3");
        assertThat(r.body().path("code").asText()).isEqualTo("PILE_LIMIT_OUT_OF_RANGE");
        assertThat(r.body().path("args").path("pile").asText()).isEqualTo("p0");
        assertThat(r.body().path("args").path("was").asText()).isEqualTo("3");
        assertThat(r.body().path("args").path("min").isNumber()).as("min in %s", r.body()).isTrue();
        assertThat(li.post("/api/piles/p1/limit", "{\"amps\":null}", "application/json", null).body()
                .path("code").asText()).as("no token").isEqualTo("CSRF_MISSING");
        assertThat(li.post("/api/users", "{\"name\":\"x\",\"role\":\"viewer\",\"password\":\"short\"}")
                .body().path("code").asText()).isEqualTo("PASSWORD_TOO_SHORT");
    }

    /** A number too large for a double is said as it was sent, not as the Infinity Jackson reads it as. */
    @Test
    void aNumberTooLargeIsSaidAsSent() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply amps = li.post("/api/piles/p0/limit", "{\"amps\":1e999}");
        assertThat(amps.status()).as("%s", amps.body()).isEqualTo(400);
        assertThat(amps.body().path("code").asText()).isEqualTo("PILE_LIMIT_OUT_OF_RANGE");
        assertThat(amps.body().path("args").path("was").asText()).isEqualTo("1e999");
        assertThat(amps.body().get("error").asText()).endsWith(", was 1e999");
        ApiClient.Reply energy = li.post("/api/piles/p0/reservation", "{\"energyKwh\":-2E+999}");
        assertThat(energy.body().path("code").asText()).as("%s", energy.body()).isEqualTo("ENERGY_OUT_OF_RANGE");
        assertThat(energy.body().path("args").path("was").asText()).isEqualTo("-2E+999");
    }

    /**
     * A number too small for a double is refused saying it as sent, not read as the 0 Jackson makes of it: until
     * 2026-12-06 {@code {"amps":1e-400}} paused the pile.
     */
    @Test
    void aNumberTooSmallIsRefusedNotReadAsZero() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply amps = li.post("/api/piles/p0/limit", "{\"amps\":1e-400}");
        assertThat(amps.status()).as("%s", amps.body()).isEqualTo(400);
        assertThat(amps.body().get("error").asText()).isEqualTo("\"amps\": 1e-400 (line 1, column 9) is too small a number"
                + " to hold: it would be read as 0; write 0 or a larger number");
    }

    @Test
    void badInputIsRefusedWithOneLineNamingTheField() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply r = li.post("/api/piles/p0/limit", "{\"amps\":3}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).startsWith("amps:").doesNotContain("\n");
        assertThat(li.post("/api/piles/p9/limit", "{\"amps\":0}").status()).isEqualTo(404);
        assertThat(li.post("/api/piles/p0/reservation", "{\"departure\":\"tomorrow\"}").body().get("error").asText())
                .startsWith("departure:");
        assertThat(li.post("/api/piles/p0/reservation", "{\"energyKwh\":-1}").body().get("error").asText())
                .startsWith("energyKwh:");
        assertThat(li.post("/api/piles/p0/reservation", "{not json").status()).isEqualTo(400);
        assertThat(li.post("/api/users", "{\"name\":\"x\",\"role\":\"root\",\"password\":\"" + PASSWORD + "\"}")
                .body().get("error").asText()).startsWith("role:");
        assertThat(li.post("/api/users", "{\"name\":\"x\",\"role\":\"viewer\",\"password\":\"short\"}")
                .body().get("error").asText()).startsWith("password:");
        assertThat(li.get("/api/events?hours=zero").status()).isEqualTo(400);
    }

    /**
     * A body that gives a key twice is ambiguous (a proxy or a log may read the first, the gateway read the last): it
     * is refused with one line naming the key, and nothing is done.
     */
    @Test
    void aKeyGivenTwiceIsRefusedNamingTheKey() throws Exception {
        ApiClient anyone = new ApiClient(rig.base);
        assertTwice(anyone.post("/api/login", "{\"name\":\"wang\",\"name\":\"li\",\"password\":\"" + PASSWORD + "\"}"),
                "name");
        assertThat(anyone.get("/api/me").status()).as("not signed in").isEqualTo(401);
        assertTwice(anyone.post("/api/setup", "{\"token\":\"t\",\"name\":\"x\",\"password\":\"" + PASSWORD
                + "\",\"token\":\"u\"}"), "token");

        ApiClient li = signedIn("li");
        assertTwice(li.post("/api/piles/p0/limit", "{\"amps\":16,\"amps\":0}"), "amps");
        assertTwice(li.post("/api/piles/p0/reservation", "{\"energyKwh\":10,\"energyKwh\":20}"), "energyKwh");
        ApiClient.Reply user = li.post("/api/users", "{\"name\":\"twice\",\"role\":\"viewer\",\"password\":\""
                + PASSWORD + "\",\"role\":\"installer\"}");
        assertTwice(user, "role");
        assertThat(user.body().get("error").asText()).as("just past the second key")
                .isEqualTo("the request body gives \"role\" twice (line 1, column 74); give each key once");
        assertThat(li.get("/api/users").body().toString()).as("no user added").doesNotContain("twice");
        assertTwice(li.post("/api/me/password", "{\"current\":\"" + PASSWORD + "\",\"password\":\"another long one\","
                + "\"password\":\"and yet another\"}"), "password");
        signedIn("li"); // password unchanged
    }

    /**
     * A body holding more than one JSON value ({@code {...} {...}}) is as ambiguous as a key given twice: refused, and
     * nothing is done.
     */
    @Test
    void aBodyWithMoreAfterItsObjectIsRefused() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply r = li.post("/api/piles/p0/limit", "{\"amps\":16} {\"amps\":0}");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).isEqualTo("the request body is not valid JSON at line 1, column 13");
        ApiClient.Reply user = li.post("/api/users", "{\"name\":\"after\",\"role\":\"viewer\",\"password\":\""
                + PASSWORD + "\"} x");
        assertThat(user.status()).as("%s", user.body()).isEqualTo(400);
        assertThat(li.get("/api/users").body().toString()).as("no user added").doesNotContain("after");
    }

    /**
     * A key the request does not take is refused, not passed over: {@code {"amp": 10}} read as "no amps" lifted the
     * pile's limit (a pause undone by a typo), and a reservation's misspelt departure was dropped. A limit must say its
     * amps, null included, for the same reason.
     */
    @Test
    void aKeyTheRequestDoesNotTakeIsRefusedAndALimitMustSayItsAmps() throws Exception {
        ApiClient li = signedIn("li");
        assertThat(li.post("/api/piles/p0/limit", "{\"amps\":0}").status()).as("paused").isEqualTo(202);

        ApiClient.Reply typo = li.post("/api/piles/p0/limit", "{\"amp\":10}");
        assertThat(typo.status()).as("%s", typo.body()).isEqualTo(400);
        assertThat(typo.body().path("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(typo.body().path("error").asText()).isEqualTo("unknown key 'amp'; expected amps");
        ApiClient.Reply none = li.post("/api/piles/p0/limit", "{}");
        assertThat(none.status()).as("%s", none.body()).isEqualTo(400);
        assertThat(none.body().path("code").asText()).isEqualTo("FIELD_REQUIRED");
        List<String> p0Limits = new ArrayList<>();
        li.get("/api/events?hours=1").body().forEach(e -> {
            if (e.path("kind").asText().equals("web.limit") && e.path("subject").asText().equals("p0")) {
                p0Limits.add(e.path("args").path("form").asText());
            }
        });
        assertThat(p0Limits).as("only the pause was done to p0").containsExactly("paused");

        ApiClient.Reply reservation = li.post("/api/piles/p0/reservation",
                "{\"energyKwh\":10,\"departue\":\"2030-01-01T07:30\"}");
        assertThat(reservation.status()).as("%s", reservation.body()).isEqualTo(400);
        assertThat(reservation.body().path("error").asText())
                .isEqualTo("unknown key 'departue'; expected departure, energyKwh");
        ApiClient anyone = new ApiClient(rig.base);
        ApiClient.Reply login = anyone.post("/api/login", "{\"name\":\"li\",\"password\":\"" + PASSWORD
                + "\",\"remember\":true}");
        assertThat(login.status()).as("%s", login.body()).isEqualTo(400);
        assertThat(login.body().path("code").asText()).isEqualTo("UNKNOWN_FIELD");
    }

    private static void assertTwice(ApiClient.Reply r, String key) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).startsWith("the request body gives \"" + key + "\" twice (line 1, column ")
                .endsWith("); give each key once").doesNotContain("\n");
    }

    /**
     * A body beyond one of the JSON reader's own limits is bad input that says which limit. Until 2026-12-03 it said
     * {@code the request body is not valid JSON (nested too deep or a number too long)}, whichever it was.
     */
    @Test
    void aBodyBeyondTheJsonParsersLimitsIsBadInputNotAnInternalError() throws Exception {
        ApiClient anyone = new ApiClient(rig.base);
        // Jackson refuses nesting deeper than 1000 and numbers longer than 1000 digits without a location.
        Map<String, String> said = Map.of(
                "[".repeat(1500), "the request body has nesting deeper than 1000 arrays and objects",
                "{\"name\":" + "1".repeat(2000) + "}", "the request body has a number of more than 1000 digits");
        for (Map.Entry<String, String> body : said.entrySet()) {
            ApiClient.Reply r = anyone.post("/api/login", body.getKey(), "application/json", null);
            assertThat(r.status()).as("%s...", body.getKey().substring(0, 12)).isEqualTo(400);
            assertThat(r.body().get("error").asText()).isEqualTo(body.getValue());
        }
    }

    @Test
    void aBodyCutShortByTheClientIsNoServerErrorInTheLog() throws Exception {
        // Anyone on the LAN may start a sign-in and hang up mid-body; the journal should not get a stack trace at
        // ERROR for each (journald drops a service's messages past its rate limit, the gateway's own ones too).
        try (CapturedLog log = new CapturedLog(); Socket s = new Socket("127.0.0.1", rig.web.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"na").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(200);
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
            Thread.sleep(200);
            assertThat(log.text()).as("what was logged").doesNotContain(" ERROR ").doesNotContain("\tat ");
        }
    }

    @Test
    void thePageIsServedFromTheJarWithASecurityPolicy() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rig.base + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/app.js\"").doesNotContain("http://", "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aSignOutEndsTheSession() throws Exception {
        ApiClient li = signedIn("li");
        assertThat(li.get("/api/me").status()).isEqualTo(200);
        assertThat(li.post("/api/logout", "{}").status()).isEqualTo(204);
        assertThat(li.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void anInstallersPauseReachesThePile() throws Exception {
        ApiClient li = signedIn("li");
        assertThat(li.post("/api/piles/p0/limit", "{\"amps\":0}").status()).isEqualTo(202);
        WebRig.await("pile p0 paused by the installer", Duration.ofSeconds(10), () -> {
            try {
                return li.get("/api/piles").body().get(0).get("reason").asText().equals("PAUSED_BY_INSTALLER")
                        && rig.live.bridges.get(0).ampsOffered() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(li.post("/api/piles/p0/limit", "{\"amps\":null}").status()).isEqualTo(202);
    }

    /**
     * The client's own text in a refusal is said back in at most 40 characters, on one line, wherever it comes from: a
     * body's departure or number, a pile's or an alarm's id in the path, a language. Until 2026-12-06 these were said
     * whole (a 3,000-character departure twice, in the line and in {@code was}; a line break as one), where a field of
     * the wrong kind and a query were cut.
     */
    @Test
    void theClientsTextIsSaidBackCutShortOnOneLine() throws Exception {
        ApiClient li = signedIn("li");
        ApiClient.Reply departure = li.post("/api/piles/p0/reservation", "{\"departure\":\"" + "9".repeat(3000) + "\"}");
        assertThat(departure.status()).isEqualTo(400);
        assertThat(departure.body().get("error").asText())
                .isEqualTo("departure: '" + "9".repeat(40) + "...' is not a local time like 2026-11-30T07:30");
        assertThat(departure.body().path("args").path("was").asText()).isEqualTo("9".repeat(40) + "...");
        ApiClient.Reply broken = li.post("/api/piles/p0/reservation", "{\"departure\":\"2026-12-06\\n07:30\"}");
        assertThat(broken.body().get("error").asText())
                .isEqualTo("departure: '2026-12-06\\u000a07:30' is not a local time like 2026-11-30T07:30");
        ApiClient.Reply list = li.post("/api/piles/p0/reservation", "{\"departure\":[" + "1,".repeat(100) + "1]}");
        assertThat(list.body().path("args").path("was").asText()).isEqualTo("[" + "1,".repeat(19) + "1...");
        ApiClient.Reply energy = li.post("/api/piles/p0/reservation", "{\"energyKwh\":" + "9".repeat(999) + "}");
        assertThat(energy.body().path("code").asText()).as("%s", energy.body()).isEqualTo("ENERGY_OUT_OF_RANGE");
        assertThat(energy.body().get("error").asText()).endsWith(", was " + "9".repeat(40) + "...");
        assertThat(energy.body().path("args").path("was").asText()).isEqualTo("9".repeat(40) + "...");
        ApiClient.Reply amps = li.post("/api/piles/p0/limit", "{\"amps\":" + "9".repeat(999) + "}");
        assertThat(amps.body().path("args").path("was").asText()).isEqualTo("9".repeat(40) + "...");
        ApiClient.Reply pile = li.post("/api/piles/" + "x".repeat(3000) + "/limit", "{\"amps\":0}");
        assertThat(pile.status()).isEqualTo(404);
        assertThat(pile.body().get("error").asText()).isEqualTo("no pile '" + "x".repeat(40) + "...'");
        assertThat(pile.body().path("args").path("pile").asText()).isEqualTo("x".repeat(40) + "...");
        ApiClient.Reply alarm = li.post("/api/alarms/" + "b".repeat(3000) + "/ack", "");
        assertThat(alarm.status()).isEqualTo(400);
        assertThat(alarm.body().get("error").asText()).isEqualTo("alarm id: like a12, was '" + "b".repeat(40) + "...'");
        ApiClient.Reply language = li.get("/api/i18n/" + "z".repeat(3000));
        assertThat(language.status()).isEqualTo(404);
        assertThat(language.body().get("error").asText()).isEqualTo("language: 'zh' or 'en', was '" + "z".repeat(40) + "...'");
    }

    /**
     * A body that is not UTF-8 is refused saying where, not read with each bad byte made U+FFFD: a password sent in
     * Latin-1 was kept as its replacement characters, so that any other Latin-1 letters in the same places signed in
     * with it ({@code pässwort} set, {@code pösswort} taken). Until 2026-12-06 the user below was added (201).
     */
    @Test
    void aBodyThatIsNotUtf8IsRefusedSayingWhere() throws Exception {
        ApiClient li = signedIn("li");
        byte[] latin1 = "{\"name\":\"latin\",\"role\":\"viewer\",\"password\":\"p\u00e4sswort, long enough\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        ApiClient.Reply added = li.post("/api/users", latin1);
        assertThat(added.status()).as("%s", added.body()).isEqualTo(400);
        assertThat(added.body().get("error").asText())
                .isEqualTo("the request body is not UTF-8 (byte 0xE4 at line 1, column 46); send it as UTF-8");
        assertThat(li.get("/api/users").body().toString()).as("no user added").doesNotContain("latin");
        ApiClient.Reply signIn = new ApiClient(rig.base).post("/api/login",
                "{\"name\":\"li\",\"password\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(signIn.status()).as("%s", signIn.body()).isEqualTo(400);
    }

    /**
     * A user named {@code .} or {@code ..} could be added but not removed from the page: its path,
     * {@code /api/users/..}, is a dot segment, which the browser resolves away before sending it ({@code %2E} too, as
     * the URL standard says). Such a name is refused (until 2026-12-06 it was added, 201).
     */
    @Test
    void aUserNameThatIsADotSegmentIsRefused() throws Exception {
        ApiClient li = signedIn("li");
        for (String name : new String[] {".", ".."}) {
            ApiClient.Reply r = li.post("/api/users", "{\"name\":\"" + name + "\",\"role\":\"viewer\",\"password\":\""
                    + PASSWORD + "\"}");
            assertThat(r.status()).as("%s: %s", name, r.body()).isEqualTo(400);
            // Its own code: the page says NAME_INVALID's text, 1..32 letters, digits, '.', '_' or '-', which '..' is.
            assertThat(r.body().path("code").asText()).as("%s: %s", name, r.body()).isEqualTo("NAME_DOT_SEGMENT");
            assertThat(r.body().path("args").path("name").asText()).isEqualTo(name);
            assertThat(r.body().get("error").asText()).isEqualTo("name: '" + name + "' is a path's dot segment, which the"
                    + " page could not remove; give a letter, digit, '_' or '-' too");
        }
        assertThat(li.get("/api/users").body().toString()).as("no user added").doesNotContain("\".\"");
        assertThat(li.post("/api/users", "{\"name\":\"...\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}")
                .status()).as("three dots are no dot segment").isEqualTo(201);
        assertThat(li.delete("/api/users/...").status()).as("and it can be removed").isEqualTo(200);
    }
}
