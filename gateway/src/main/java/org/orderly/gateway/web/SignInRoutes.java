package org.orderly.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.store.EventKind;
import org.orderly.text.OneLine;
import org.orderly.gateway.web.auth.Account;
import org.orderly.gateway.web.auth.Accounts;
import org.orderly.gateway.web.auth.PasswordHash;
import org.orderly.gateway.web.auth.Role;
import org.orderly.gateway.web.auth.SetupLink;
import org.orderly.gateway.web.auth.SignIn;
import org.orderly.gateway.web.auth.SignInThrottle;
import org.orderly.gateway.web.auth.SignIns;
import org.orderly.text.SaidBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Status, the one-time setup, sign-in and sign-out, who am I, one's own password, and managing users. */
final class SignInRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);
    private static final String UNKNOWN_USER_HASH = PasswordHash.hash("no such user".toCharArray());

    private final Gateway gateway;
    private final Accounts accounts;
    private final SignIns signIns;
    private final SetupLink setup;
    private final SignInThrottle throttle;
    private final ClientAddress client;

    SignInRoutes(Gateway gateway, Accounts accounts, SignIns signIns, SetupLink setup, SignInThrottle throttle,
                 ClientAddress client) {
        this.gateway = gateway;
        this.accounts = accounts;
        this.signIns = signIns;
        this.setup = setup;
        this.throttle = throttle;
        this.client = client;
    }

    /**
     * What the page needs before a sign-in: the gateway's name and zone. Not whether setup is pending: the page shows
     * the setup form for a link that carries a token, and the server judges the token.
     */
    void status(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gatewayId", gateway.config().gatewayId());
        out.put("zone", BrowserZone.of(gateway.config().zone()));
        ctx.json(out);
    }

    void login(Context ctx) {
        JsonNode body = JsonBody.of(ctx, "name", "password");
        String name = JsonBody.text(body, "name", 32);
        char[] password = JsonBody.text(body, "password", 200).toCharArray();
        Optional<Account> account = accounts.find(name);
        String from = client.of(ctx);
        boolean right = passwordChecked(from, "sign-ins", () -> {
            if (account.isPresent()) {
                return PasswordHash.matches(password, account.get().hash());
            }
            // Hash even for an unknown name, so the time taken does not tell which names exist.
            PasswordHash.matches(password, UNKNOWN_USER_HASH);
            return false;
        });
        if (!right) {
            // A name no account has is often a password typed into the wrong field: only its length is logged.
            LOG.warn("local page: failed sign-in for {} from {}", account.isPresent() ? "'" + name + "'"
                    : "an unknown name of " + name.length() + " characters", from);
            throw new ApiError(401, Refusal.WRONG_NAME_OR_PASSWORD, Map.of(), "wrong user name or password");
        }
        ctx.json(me(signIn(ctx, account.get())));
    }

    void setup(Context ctx) throws IOException {
        JsonNode body = JsonBody.of(ctx, "token", "name", "password");
        String token = JsonBody.text(body, "token", 100);
        String name = name(body);
        String password = JsonBody.password(body);
        switch (setup.use(token)) {
            case TAKEN -> { }
            case LAPSED -> {
                LOG.warn("local page: a lapsed setup link was used from {} (it lapsed at {}); restart the gateway for"
                        + " a new one", client.of(ctx), setup.lapses());
                throw new ApiError(403, Refusal.SETUP_LINK_LAPSED, Map.of("lapsed", setup.lapses().toString(),
                        "hours", SetupLink.LIFETIME.toHours()), "the setup link lapsed at " + setup.lapses() + ", "
                        + SetupLink.LIFETIME.toHours() + " h after the gateway started; restart the gateway for a new"
                        + " one (in its log)");
            }
            case REFUSED -> throw new ApiError(403, Refusal.SETUP_LINK_REFUSED, Map.of(),
                    "the setup link is wrong or already used; sign in instead");
        }
        Account installer;
        boolean saved = false;
        try {
            installer = new Account(name, Role.INSTALLER, PasswordHash.hash(password.toCharArray()));
            accounts.put(installer);
            saved = true;
        } catch (IOException e) {
            LOG.error("local page: installer '{}' not set up, the setup link still works: {}", name, e.getMessage());
            throw new ApiError(500, Refusal.SETUP_NOT_SAVED, Map.of("detail", String.valueOf(e.getMessage())),
                    "the account could not be saved (" + e.getMessage()
                    + "); the setup link works again once that is fixed");
        } finally {
            if (!saved) {
                setup.giveBack(token);
            }
        }
        LOG.info("local page: installer '{}' set up through the one-time link", name);
        ChangeRecord.Recorded recorded = ChangeRecord.of(gateway.store().eventOutcome(EventKind.WEB_SETUP, name,
                "installer account created through the setup link"), "installer '" + name + "' set up");
        ctx.json(recorded.into(me(signIn(ctx, installer))));
    }

    void logout(Context ctx) {
        JsonBody.none(ctx);
        signIns.end(ctx.cookie(AccessGuard.COOKIE));
        ctx.removeCookie(AccessGuard.COOKIE, "/");
        ctx.status(204);
    }

    void me(Context ctx) {
        ctx.json(me(AccessGuard.signIn(ctx)));
    }

    /**
     * A signed-in user of any role sets their own password, giving the current one. A wrong current password counts
     * against the sign-in throttle, so a browser left signed in cannot be used to guess it. Their other sign-ins end.
     */
    void changeOwnPassword(Context ctx) {
        JsonNode body = JsonBody.of(ctx, "current", "password");
        char[] current = JsonBody.text(body, "current", 200).toCharArray();
        String password = JsonBody.password(body);
        SignIn by = AccessGuard.signIn(ctx);
        Account account = accounts.find(by.name())
                .orElseThrow(() -> new ApiError(401, Refusal.SIGN_IN_FIRST, Map.of(),
                        "sign in first (the account '" + by.name() + "' is gone)"));
        String from = client.of(ctx);
        if (!passwordChecked(from, "password checks", () -> PasswordHash.matches(current, account.hash()))) {
            LOG.warn("local page: '{}' gave a wrong current password from {}", by.name(), from);
            throw new ApiError(403, Refusal.CURRENT_PASSWORD_WRONG, Map.of(), "current: not this account's password");
        }
        if (password.contentEquals(CharBuffer.wrap(current))) {
            throw ApiError.bad(Refusal.PASSWORD_UNCHANGED, Map.of(), "password: the same as the current one");
        }
        Account changed = new Account(account.name(), account.role(), PasswordHash.hash(password.toCharArray()));
        boolean replaced;
        try {
            replaced = accounts.replace(account, changed);
        } catch (IOException e) {
            throw notSaved("'" + account.name() + "' changing its own password", e);
        }
        if (!replaced) {
            throw new ApiError(409, Refusal.ACCOUNT_CHANGED_MEANWHILE, Map.of(),
                    "the account was changed meanwhile (by an installer); sign in again and retry");
        }
        int ended = signIns.endAllOf(account.name(), by.token());
        LOG.info("local page: '{}' changed its own password; {} other sign-ins ended", account.name(), ended);
        ChangeRecord.Recorded recorded = ChangeRecord.of(gateway.store().eventOutcome(EventKind.WEB_PASSWORD,
                account.name(), "own password changed; " + ended + " other sign-ins ended", "ended", ended),
                "'" + account.name() + "' changing its own password");
        ctx.json(recorded.into(Map.of("name", account.name(), "signInsEnded", ended)));
    }

    void addUser(Context ctx) {
        JsonNode body = JsonBody.of(ctx, "name", "role", "password");
        String name = name(body);
        String roleText = JsonBody.text(body, "role", 20);
        Role role = switch (roleText) {
            case "viewer" -> Role.VIEWER;
            case "installer" -> Role.INSTALLER;
            default -> throw ApiError.bad(Refusal.ROLE_INVALID, Map.of("was", roleText),
                    "role: 'viewer' or 'installer', was '" + roleText + "'");
        };
        String password = JsonBody.password(body);
        boolean existed = accounts.find(name).isPresent();
        SignIn by = AccessGuard.signIn(ctx);
        try {
            accounts.put(new Account(name, role, PasswordHash.hash(password.toCharArray())), by.name());
        } catch (Accounts.LastInstallerException e) {
            throw new ApiError(409, Refusal.LAST_INSTALLER, Map.of("name", e.name()), e.getMessage());
        } catch (Accounts.NotAnInstallerException e) {
            throw gone(by);
        } catch (IOException e) {
            throw notSaved("'" + by.name() + "' setting user '" + name + "'", e);
        }
        if (existed) {
            // The one making the change stays signed in, unless it changed its own role: its sign-in holds the old one.
            String keep = name.equals(by.name()) && role == by.role() ? by.token() : null;
            int ended = signIns.endAllOf(name, keep);
            ChangeRecord.Recorded recorded = ChangeRecord.of(gateway.store().eventOutcome(EventKind.WEB_USER, name,
                    "password set and role " + roleText + " by " + by.name() + "; " + ended + " of its sign-ins ended",
                    EventKind.FORM, "changed", "role", roleText, "by", by.name(), "ended", ended),
                    "user '" + name + "' changed by " + by.name());
            ctx.status(200).json(recorded.into(Map.of("name", name, "role", roleText, "signInsEnded", ended)));
            return;
        }
        ChangeRecord.Recorded recorded = ChangeRecord.of(gateway.store().eventOutcome(EventKind.WEB_USER, name,
                roleText + " added by " + by.name(), EventKind.FORM, "added", "role", roleText, "by", by.name()),
                "user '" + name + "' added by " + by.name());
        ctx.status(201).json(recorded.into(Map.of("name", name, "role", roleText)));
    }

    /** The accounts, for an installer: name and role, never the hash. */
    void users(Context ctx) {
        if (!AccessGuard.signIn(ctx).role().mayChange()) {
            throw new ApiError(403, "only an installer sees the users");
        }
        ctx.json(accounts.all().stream().sorted(Comparator.comparing(Account::name))
                .map(a -> new UserRow(a.name(), a.role().name().toLowerCase())).toList());
    }

    private record UserRow(String name, String role) {
    }

    /** An installer removes a user; that user's sign-ins end at once. The last installer cannot be removed. */
    void deleteUser(Context ctx) {
        JsonBody.none(ctx);
        String name = ctx.pathParam("name");
        SignIn by = AccessGuard.signIn(ctx);
        Optional<Account> gone;
        try {
            gone = accounts.remove(name, by.name());
        } catch (Accounts.LastInstallerException e) {
            throw new ApiError(409, Refusal.LAST_INSTALLER, Map.of("name", e.name()), e.getMessage());
        } catch (Accounts.NotAnInstallerException e) {
            throw gone(by);
        } catch (IOException e) {
            throw notSaved("'" + by.name() + "' removing user '" + OneLine.of(name) + "'", e);
        }
        if (gone.isEmpty()) {
            String said = SaidBack.of(name);
            throw new ApiError(404, Refusal.NO_SUCH_USER, Map.of("name", said), "user '" + said + "': no such user");
        }
        int ended = signIns.endAllOf(name, null);
        LOG.info("local page: user '{}' removed by '{}'; {} sign-ins ended", name, by.name(), ended);
        ChangeRecord.Recorded recorded = ChangeRecord.of(gateway.store().eventOutcome(EventKind.WEB_USER, name,
                "removed by " + by.name() + "; " + ended + " sign-ins ended", EventKind.FORM, "removed",
                "by", by.name(), "ended", ended), "user '" + name + "' removed by " + by.name());
        ctx.json(recorded.into(Map.of("name", name, "signInsEnded", ended)));
    }

    /**
     * Checks a password through the sign-in throttle, which counts a wrong one against {@code from}.
     *
     * @throws ApiError 429 when the throttle refuses before checking ({@code what} names the failures counted), or when
     *                  another check took the whole wait
     */
    private boolean passwordChecked(String from, String what, BooleanSupplier check) {
        SignInThrottle.Attempt attempt = throttle.attempt(from, check);
        if (attempt instanceof SignInThrottle.Attempt.Refused refused) {
            // Not logged at warn: a flood of refused attempts would flood the log; the failures are logged.
            LOG.debug("local page: a password check from {} refused for {} s", from, refused.retryAfterSeconds());
            throw ApiError.tooMany("too many failed " + what + "; try again in " + refused.retryAfterSeconds() + " s",
                    refused.retryAfterSeconds());
        }
        if (attempt instanceof SignInThrottle.Attempt.Busy busy) {
            LOG.debug("local page: a password check from {} waited for another too long", from);
            throw ApiError.busy(busy.retryAfterSeconds());
        }
        return attempt instanceof SignInThrottle.Attempt.Checked checked && checked.right();
    }

    /**
     * The answer to a change of the accounts that could not be saved: the accounts stay as they were (in memory, and
     * in the file as far as it could be put back: {@link Accounts}), and the user is told so.
     */
    private static ApiError notSaved(String what, IOException e) {
        LOG.error("local page: {} not saved", what, e);
        return new ApiError(500, Refusal.NOT_SAVED, Map.of("detail", String.valueOf(e.getMessage())),
                "the change could not be saved (" + e.getMessage() + "); nothing changed");
    }

    /** The answer to a change by one removed or made a viewer while the change was being made; its sign-in ends. */
    private ApiError gone(SignIn by) {
        signIns.end(by.token());
        return new ApiError(401, Refusal.SIGN_IN_AGAIN, Map.of(),
                "sign in again: this account was removed or its role changed");
    }

    /** Starts {@code account}'s sign-in and sets its cookie; the caller answers with it ({@link #me}). */
    private SignIn signIn(Context ctx, Account account) {
        SignIn s = signIns.start(account);
        if (!accounts.find(account.name()).equals(Optional.of(account))) {
            // Removed or changed while its password was being checked: its other sign-ins were ended, so is this one.
            signIns.end(s.token());
            throw new ApiError(401, Refusal.WRONG_NAME_OR_PASSWORD, Map.of(), "wrong user name or password");
        }
        // A session cookie (no Max-Age): the server decides when the sign-in lapses.
        // Secure over HTTPS, a trusted TLS proxy's too: the browser then never sends it over plain HTTP.
        ctx.cookie(new Cookie(AccessGuard.COOKIE, s.token(), "/", -1, client.overHttps(ctx), true, null,
                SameSite.STRICT));
        return s;
    }

    private static String name(JsonNode body) {
        String name = JsonBody.text(body, "name", 32);
        if (!name.matches(Account.NAME_PATTERN)) {
            throw ApiError.bad(Refusal.NAME_INVALID, Map.of("max", 32), "name: 1..32 letters, digits, '.', '_' or '-'");
        }
        // A user so named could not be removed from the page: the browser resolves /api/users/.. (and %2E%2E, as the
        // URL standard says) to another path before sending it. A file's accounts are read as they are.
        if (name.equals(".") || name.equals("..")) {
            throw ApiError.bad(Refusal.NAME_DOT_SEGMENT, Map.of("name", name), "name: '" + name + "' is a path's dot segment,"
                    + " which the page could not remove; give a letter, digit, '_' or '-' too");
        }
        return name;
    }

    private static Map<String, Object> me(SignIn s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("role", s.role().name().toLowerCase());
        out.put("csrf", s.csrf());
        return out;
    }
}
