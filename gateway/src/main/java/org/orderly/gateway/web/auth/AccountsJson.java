package org.orderly.gateway.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.orderly.text.OneLine;
import org.orderly.text.SaidBack;

/**
 * The accounts file's JSON, {@code {"accounts":[{"name":..,"role":..,"hash":..}]}}, read as written: a value of the
 * wrong kind is refused naming where it is ({@code accounts[1].role}) and what it should be, in the installer's words.
 * Read into records, Jackson would say it with its class names ({@code cannot deserialize value of type
 * `org.orderly.gateway.web.auth.Role` from String "ADMIN"}), and would take a name written as a number, {@code 5}, for
 * the text {@code "5"}.
 */
final class AccountsJson {
    private static final Set<String> FILE_KEYS = Set.of("accounts");
    private static final List<String> ACCOUNT_KEYS = List.of("name", "role", "hash");

    private AccountsJson() {
    }

    /** A file the reader took but whose content is not accounts; the message says what and where. */
    static final class Refused extends Exception {
        Refused(String what) {
            super(what, null, false, false);
        }
    }

    /** The accounts of {@code root}, the file's JSON value; none when it lists none (or gives {@code null}). */
    static List<Account> accounts(JsonNode root) throws Refused {
        if (root == null || root.isMissingNode()) {
            throw new Refused("the file is empty");
        }
        if (!root.isObject()) {
            throw new Refused("the file must be a JSON object, {\"accounts\": [...]}, was " + said(root));
        }
        unknownKeys(root, "the file", List.copyOf(FILE_KEYS));
        JsonNode list = root.get("accounts");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new Refused("accounts must be a list of accounts, [{\"name\": ..., \"role\": ..., \"hash\": ...}], was "
                    + said(list));
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            accounts.add(account(list.get(i), "accounts[" + i + "]"));
        }
        return accounts;
    }

    private static Account account(JsonNode a, String where) throws Refused {
        if (!a.isObject()) {
            throw new Refused(where + " must be an account, {\"name\": ..., \"role\": ..., \"hash\": ...}, was "
                    + said(a));
        }
        unknownKeys(a, where, ACCOUNT_KEYS);
        String name = text(a, "name", where);
        String roleText = text(a, "role", where);
        Role role;
        try {
            role = Role.valueOf(roleText);
        } catch (IllegalArgumentException e) {
            throw new Refused(where + ".role must be \"VIEWER\" or \"INSTALLER\", was " + said(a.get("role"))
                    + (roleText.equalsIgnoreCase("viewer") || roleText.equalsIgnoreCase("installer")
                    ? "; write it in capitals, \"" + roleText.toUpperCase(Locale.ROOT) + "\"" : ""));
        }
        String hash = text(a, "hash", where);
        try {
            return new Account(name, role, hash);
        } catch (IllegalArgumentException e) {
            // The name's or the hash's own rule, said by Account in words.
            throw new Refused(where + ": " + OneLine.of(e.getMessage()));
        }
    }

    private static void unknownKeys(JsonNode o, String where, List<String> known) throws Refused {
        for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Refused(where + " has the unknown key \"" + SaidBack.of(name) + "\"; "
                        + (known.size() == 1 ? "its only key is \"" + known.get(0) + "\""
                        : "its keys are \"" + String.join("\", \"", known) + "\""));
            }
        }
    }

    private static String text(JsonNode o, String key, String where) throws Refused {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new Refused(where + " has no " + key);
        }
        if (!v.isTextual()) {
            throw new Refused(where + "." + key + " must be a text in quotes, was " + said(v));
        }
        return v.textValue();
    }

    /**
     * A value as said back: its JSON, at most {@value SaidBack#MAX} characters, or what kind it is when longer (a hash
     * or a pasted block is no help at full length).
     */
    private static String said(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        String json = v.toString();
        if (json.length() <= SaidBack.MAX) {
            return OneLine.of(json);
        }
        return v.isObject() ? "an object" : v.isArray() ? "a list" : SaidBack.of(json);
    }
}
