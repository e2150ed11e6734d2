package org.orderly.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.auth.Account;
import org.orderly.gateway.web.auth.Accounts;
import org.orderly.gateway.web.auth.PasswordHash;
import org.orderly.gateway.web.auth.Role;
import org.orderly.gateway.web.auth.SetupLink;
import org.orderly.gateway.web.auth.SignIn;
import org.orderly.gateway.web.auth.SignIns;
import org.orderly.gateway.web.view.ChartBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API's handlers. Reads come from what the gateway publishes; changes go to the control thread's queue
 * ({@code ControlLoop.declare}, {@code limitPile}) and never wait for it. Every input is validated here and a bad
 * one is refused with one line naming the field.
 */
final class Api {
    static final String COOKIE = "orderly_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SIGN_IN = "signIn";
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final int MIN_PASSWORD = 10;
    private static final String UNKNOWN_USER_HASH = PasswordHash.hash("no such user".toCharArray());

    private final Gateway gateway;
    private final Compound compound;
    private final ZoneId zone;
    private final Accounts accounts;
    private final SignIns signIns;
    private final SetupLink setup;
    private final AlarmBoard alarms;
    private final LiveFeed feed;
    private final ChartBuilder chart;
    private final ObjectMapper json;
    private final Clock clock;

    Api(Gateway gateway, Accounts accounts, SignIns signIns, SetupLink setup, AlarmBoard alarms, LiveFeed feed,
        ObjectMapper json, Clock clock) {
        this.gateway = gateway;
        this.compound = gateway.config().compound();
        this.zone = gateway.config().zone();
        this.accounts = accounts;
        this.signIns = signIns;
        this.setup = setup;
        this.alarms = alarms;
        this.feed = feed;
        this.chart = new ChartBuilder(gateway, clock);
        this.json = json;
        this.clock = clock;
    }

    // ---- sign-in ----

    void status(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("setupNeeded", setup.token() != null);
        out.put("gatewayId", gateway.config().gatewayId());
        out.put("zone", zone.getId());
        ctx.json(out);
    }

    void login(Context ctx) {
        JsonNode body = body(ctx);
        String name = text(body, "name", 32);
        char[] password = text(body, "password", 200).toCharArray();
        Optional<Account> account = accounts.find(name);
        boolean ok;
        if (account.isPresent()) {
            ok = PasswordHash.matches(password, account.get().hash());
        } else {
            // Hash even for an unknown name, so the time taken does not tell which names exist.
            PasswordHash.matches(password, UNKNOWN_USER_HASH);
            ok = false;
        }
        if (!ok) {
            LOG.warn("local page: failed sign-in for '{}' from {}", name, ctx.ip());
            throw new ApiError(401, "wrong user name or password");
        }
        signIn(ctx, account.get());
    }

    void setup(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String token = text(body, "token", 100);
        String name = text(body, "name", 32);
        String password = password(body);
        if (!name.matches(Account.NAME_PATTERN)) {
            throw ApiError.bad("name: 1..32 letters, digits, '.', '_' or '-'");
        }
        if (!setup.use(token)) {
            throw new ApiError(403, "the setup link is wrong or already used; sign in instead");
        }
        Account installer = new Account(name, Role.INSTALLER, PasswordHash.hash(password.toCharArray()));
        accounts.put(installer);
        LOG.info("local page: installer '{}' set up through the one-time link", name);
        gateway.store().event("web.setup", name, "installer account created through the setup link");
        signIn(ctx, installer);
    }

    private void signIn(Context ctx, Account account) {
        SignIn s = signIns.start(account);
        Cookie cookie = new Cookie(COOKIE, s.token(), "/", -1, false, true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(me(s));
    }

    void logout(Context ctx) {
        signIns.end(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, "/");
        ctx.status(204);
    }

    void me(Context ctx) {
        ctx.json(me(signIn(ctx)));
    }

    private static Map<String, Object> me(SignIn s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("role", s.role().name().toLowerCase());
        out.put("csrf", s.csrf());
        return out;
    }

    void addUser(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String name = text(body, "name", 32);
        if (!name.matches(Account.NAME_PATTERN)) {
            throw ApiError.bad("name: 1..32 letters, digits, '.', '_' or '-'");
        }
        String roleText = text(body, "role", 20);
        Role role = switch (roleText) {
            case "viewer" -> Role.VIEWER;
            case "installer" -> Role.INSTALLER;
            default -> throw ApiError.bad("role: 'viewer' or 'installer', was '" + roleText + "'");
        };
        String password = password(body);
        accounts.put(new Account(name, role, PasswordHash.hash(password.toCharArray())));
        gateway.store().event("web.user", name, role.name().toLowerCase() + " added by " + signIn(ctx).name());
        ctx.status(201).json(Map.of("name", name, "role", roleText));
    }

    // ---- reads ----

    void overview(Context ctx) {
        ctx.json(feed.latest());
    }

    void piles(Context ctx) {
        ctx.json(feed.latest().piles());
    }

    void chart(Context ctx) {
        ctx.json(chart.build());
    }

    void events(Context ctx) {
        Instant now = clock.instant();
        int hours = intParam(ctx, "hours", 24, 1, 24 * 31);
        List<StoreEvent> events;
        try (StoreReader reader = gateway.store().reader()) {
            events = reader.events(now.minusSeconds(hours * 3600L), now);
        }
        ctx.json(events.stream().map(e -> Map.of("at", e.time().toEpochMilli(), "kind", e.kind(),
                "subject", e.subject(), "message", e.message())).toList());
    }

    // ---- changes (installer) ----

    void reserve(Context ctx) {
        int pile = pile(ctx);
        JsonNode body = body(ctx);
        Instant departure = null;
        JsonNode d = body.get("departure");
        if (d != null && !d.isNull()) {
            if (!d.isTextual()) {
                throw ApiError.bad("departure: a local time like \"2026-11-30T07:30\" (" + zone + ")");
            }
            try {
                departure = LocalDateTime.parse(d.asText()).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw ApiError.bad("departure: '" + d.asText() + "' is not a local time like 2026-11-30T07:30");
            }
            if (!departure.isAfter(clock.instant())) {
                throw ApiError.bad("departure: " + d.asText() + " is not in the future");
            }
            if (departure.isAfter(clock.instant().plusSeconds(7 * 86400))) {
                throw ApiError.bad("departure: " + d.asText() + " is more than 7 days ahead");
            }
        }
        double energy = Double.NaN;
        JsonNode e = body.get("energyKwh");
        if (e != null && !e.isNull()) {
            if (!e.isNumber() || !(e.asDouble() > 0) || e.asDouble() > 200) {
                throw ApiError.bad("energyKwh: a number of kWh in (0, 200], was " + e);
            }
            energy = e.asDouble();
        }
        if (departure == null && Double.isNaN(energy)) {
            throw ApiError.bad("give a departure, an energyKwh, or both");
        }
        if (!feed.latest().piles().get(pile).plugged()) {
            throw new ApiError(409, "pile " + compound.pile(pile).id() + ": no vehicle is plugged in to reserve for");
        }
        gateway.loop().declare(pile, new Declaration(departure, energy));
        gateway.store().event("web.reservation", compound.pile(pile).id(), "departure " + d + ", energy "
                + (Double.isNaN(energy) ? "-" : energy + " kWh") + " by " + signIn(ctx).name());
        ctx.status(202).json(Map.of("pile", compound.pile(pile).id()));
    }

    void limit(Context ctx) {
        int index = pile(ctx);
        Pile pile = compound.pile(index);
        JsonNode a = body(ctx).get("amps");
        double amps;
        if (a == null || a.isNull()) {
            amps = Double.POSITIVE_INFINITY;
        } else if (!a.isNumber() || !(a.asDouble() == 0 || (a.asDouble() >= pile.minCurrentA()
                && a.asDouble() <= pile.maxCurrentA()))) {
            throw ApiError.bad("amps: 0 (pause), null (no limit) or " + pile.minCurrentA() + ".." + pile.maxCurrentA()
                    + " for pile " + pile.id() + ", was " + a);
        } else {
            amps = a.asDouble();
        }
        gateway.loop().limitPile(index, amps);
        gateway.store().event("web.limit", pile.id(), (Double.isInfinite(amps) ? "no limit" : amps + " A") + " by "
                + signIn(ctx).name());
        ctx.status(202).json(Map.of("pile", pile.id()));
    }

    void acknowledge(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("a[0-9]{1,12}")) {
            throw ApiError.bad("alarm id: like a12, was '" + id + "'");
        }
        ctx.json(alarms.acknowledge(id, signIn(ctx).name(), clock.instant())
                .orElseThrow(() -> new ApiError(404, "no alarm " + id)));
    }

    // ---- helpers ----

    static SignIn signIn(Context ctx) {
        SignIn s = ctx.attribute(SIGN_IN);
        if (s == null) {
            throw new ApiError(401, "sign in first");
        }
        return s;
    }

    private int pile(Context ctx) {
        String id = ctx.pathParam("id");
        int index = compound.indexOf(id);
        if (index < 0) {
            throw new ApiError(404, "no pile '" + id + "'");
        }
        return index;
    }

    private JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.length() > 10_000) {
            throw ApiError.bad("request body over 10000 characters");
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiError.bad("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.bad("the request body is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw ApiError.bad(field + ": required text");
        }
        if (v.asText().length() > max) {
            throw ApiError.bad(field + ": at most " + max + " characters");
        }
        return v.asText();
    }

    private static String password(JsonNode body) {
        String p = text(body, "password", 200);
        if (p.length() < MIN_PASSWORD) {
            throw ApiError.bad("password: at least " + MIN_PASSWORD + " characters");
        }
        return p;
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiError.bad(name + ": " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.bad(name + ": a whole number, was '" + v + "'");
        }
    }
}
