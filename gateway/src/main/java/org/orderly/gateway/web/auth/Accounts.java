package org.orderly.gateway.web.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.files.AtomicFile;
import org.orderly.text.SecretFileMode;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's accounts, kept in a JSON file ({@code {"accounts":[{name, role, hash}]}}) readable by the gateway's
 * user only. A change replaces the file whole ({@link AtomicFile}): after a crash or a power cut it holds the old
 * accounts or the new ones, never half of them or nothing, and a change reported done is on the disk. A change that
 * fails changes nothing in memory, and the file is put back to what memory holds.
 */
public final class Accounts {
    /** The file as written; it is read by {@link AccountsJson}. */
    private record FileForm(List<Account> accounts) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    private static final ObjectMapper JSON = StrictJson.mapper();
    private final Path file;
    private final Map<String, Account> byName = new LinkedHashMap<>();

    private Accounts(Path file) {
        this.file = file;
    }

    /**
     * Reads the file, or starts empty when it does not exist. A file every local user can read (copied in by hand; the
     * gateway writes it for its own user) is warned about: it stays so until the first change rewrites it.
     */
    public static Accounts open(Path file) throws IOException {
        Accounts accounts = new Accounts(file);
        // A link that loops or dangles is there, and said by TextFile rather than set up afresh; a file under a path
        // that is no directory is not, and the page is set up (its saving then says why it cannot be saved). As text
        // first: a directory, Latin-1 bytes or a zero byte is one line naming the file, not "Is a directory".
        Optional<String> kept;
        try {
            kept = TextFile.ifThere(file);
        } catch (TextFileException e) {
            throw new IOException(e.getMessage() + "; fix it or move it away to set up the page again", e);
        }
        if (kept.isPresent()) {
            SecretFileMode.warning(file).ifPresent(w -> LOG.warn("local page: accounts file {} {}", file, w));
            String text = kept.get();
            List<Account> read;
            try {
                read = AccountsJson.accounts(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": not a valid accounts file (" + StrictJson.keyTwice(e)
                        .map(twice -> "it " + twice.said() + (twice.where().isEmpty() ? "" : ", " + twice.where()))
                        .orElseGet(() -> JsonRefusal.of(e))
                        + "); fix it or move it away to set up the page again", e);
            } catch (AccountsJson.Refused e) {
                throw new IOException(file + ": not a valid accounts file (" + e.getMessage()
                        + "); fix it or move it away to set up the page again");
            }
            for (Account a : read) {
                if (accounts.byName.putIfAbsent(a.name(), a) != null) {
                    // Which role and password were meant is not known, as for a key given twice.
                    throw new IOException(file + ": not a valid accounts file (it gives the user \"" + a.name()
                            + "\" twice" + secondName(text, a.name())
                            + "); fix it or move it away to set up the page again");
                }
            }
        }
        return accounts;
    }

    /** {@code ", line 4, column 29"}: where the file gives {@code name} the second time; empty when not found. */
    private static String secondName(String text, String name) throws IOException {
        int seen = 0;
        try (JsonParser p = JSON.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                // An account's own "name": in an object (depth 3) in the list (2) in the file's object (1).
                if (t == JsonToken.VALUE_STRING && p.getParsingContext().getNestingDepth() == 3
                        && "name".equals(p.currentName()) && name.equals(p.getText()) && ++seen == 2) {
                    JsonLocation at = p.currentTokenLocation();
                    return ", line " + at.getLineNr() + ", column " + at.getColumnNr();
                }
            }
        }
        return "";
    }

    public synchronized Optional<Account> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public synchronized boolean hasInstaller() {
        return anyInstaller(byName.values());
    }

    private static boolean anyInstaller(Collection<Account> accounts) {
        return accounts.stream().anyMatch(a -> a.role() == Role.INSTALLER);
    }

    public synchronized List<Account> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Adds or replaces an account and writes the file; on failure nothing changes.
     *
     * @throws LastInstallerException when it would make the last installer a viewer: no one could then add users
     */
    public synchronized void put(Account account) throws IOException {
        Map<String, Account> next = new LinkedHashMap<>(byName);
        next.put(account.name(), account);
        commit(next, account.name());
    }

    /**
     * Removes the account and writes the file; empty when there is none of that name.
     *
     * @throws LastInstallerException when it is the last installer
     */
    public synchronized Optional<Account> remove(String name) throws IOException {
        Account gone = byName.get(name);
        if (gone == null) {
            return Optional.empty();
        }
        Map<String, Account> next = new LinkedHashMap<>(byName);
        next.remove(name);
        commit(next, name);
        return Optional.of(gone);
    }

    /**
     * {@link #put}, made by the installer {@code by}: refused when {@code by} is no longer an installer. The request
     * was allowed while it was one, but adding hashes a password for a while, and an installer removed or made a
     * viewer meanwhile must not change anything after that was answered.
     *
     * @throws NotAnInstallerException when {@code by} is not (or no longer) an installer
     */
    public synchronized void put(Account account, String by) throws IOException {
        requireInstaller(by);
        put(account);
    }

    /** {@link #remove}, made by the installer {@code by}; as {@link #put(Account, String)}. */
    public synchronized Optional<Account> remove(String name, String by) throws IOException {
        requireInstaller(by);
        return remove(name);
    }

    private void requireInstaller(String by) {
        Account a = byName.get(by);
        if (a == null || a.role() != Role.INSTALLER) {
            throw new NotAnInstallerException(by);
        }
    }

    /** A change refused because the one making it is no longer an installer. */
    public static final class NotAnInstallerException extends IllegalStateException {
        NotAnInstallerException(String name) {
            super("'" + name + "' is no longer an installer");
        }
    }

    /** A change refused because no installer would be left to manage the page. */
    public static final class LastInstallerException extends IllegalStateException {
        private final String name;

        LastInstallerException(String name) {
            super("'" + name + "' is the last installer; add another installer first");
            this.name = name;
        }

        /** The installer that would have been the last one. */
        public String name() {
            return name;
        }
    }

    private void commit(Map<String, Account> next, String changed) throws IOException {
        if (anyInstaller(byName.values()) && !anyInstaller(next.values())) {
            throw new LastInstallerException(changed);
        }
        try {
            write(new ArrayList<>(next.values()));
        } catch (IOException e) {
            // When only forcing the directory failed, the change is in the file already: the next start would bring
            // back a change reported as not saved. Put back what memory holds; if that fails too, say so.
            try {
                write(new ArrayList<>(byName.values()));
            } catch (IOException restoring) {
                e.addSuppressed(restoring);
            }
            throw e;
        }
        byName.clear();
        byName.putAll(next);
    }

    /**
     * Replaces {@code expected} by {@code next} (same name) only if the account is still {@code expected}: a change
     * decided on what was read earlier must not undo one made meanwhile (an installer's new role or password).
     */
    public synchronized boolean replace(Account expected, Account next) throws IOException {
        if (!expected.name().equals(next.name())) {
            throw new IllegalArgumentException("replace " + expected.name() + " by another name, " + next.name());
        }
        if (!expected.equals(byName.get(expected.name()))) {
            return false;
        }
        put(next);
        return true;
    }

    private void write(List<Account> accounts) throws IOException {
        AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new FileForm(accounts)), true);
    }
}
