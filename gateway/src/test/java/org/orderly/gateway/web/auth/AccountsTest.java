package org.orderly.gateway.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.BadTextFile;
import org.orderly.testkit.powercut.PowerCutFileSystem;

class AccountsTest {
    @TempDir
    Path dir;

    /**
     * The gateway writes the accounts file for its user only, but one an installer copied in (a restore, a file made
     * by hand) keeps its mode until the first change: its password hashes, readable by every local user, are warned
     * about at start, once, naming the file and the fix. The page still starts.
     */
    @Test
    void anAccountsFileEveryLocalUserCanReadIsWarnedAboutOnce() throws Exception {
        // A test directory is the test user's only; the warning is for a file others can reach.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("web-users.json");
        Accounts.open(file).put(new Account("li", Role.INSTALLER, PasswordHash.hash("li-password".toCharArray())));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (CapturedLog log = new CapturedLog()) {
            Accounts.open(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(Accounts.open(file).find("li")).isPresent();
            assertThat(log.lines("WARN", file.toString(), "can be read by every local user", "rw-r--r--",
                    "chmod o-r " + file)).hasSize(1);
            assertThat(log.lines("can be read by every local user")).as("not for the file of mode 600").hasSize(1);
        }
    }

    @Test
    void aChangeDecidedOnWhatWasReadEarlierDoesNotUndoOneMadeMeanwhile() throws Exception {
        Path file = dir.resolve("web-users.json");
        Accounts accounts = Accounts.open(file);
        accounts.put(new Account("li", Role.INSTALLER, PasswordHash.hash("li-password".toCharArray())));
        Account read = new Account("chen", Role.INSTALLER, PasswordHash.hash("first-password".toCharArray()));
        accounts.put(read);
        // While chen's own password change is hashing, an installer demotes chen.
        Account demoted = new Account("chen", Role.VIEWER, PasswordHash.hash("set-by-installer".toCharArray()));
        accounts.put(demoted);

        Account chensChange = new Account("chen", Role.INSTALLER, PasswordHash.hash("chens-own-choice".toCharArray()));
        assertThat(accounts.replace(read, chensChange)).isFalse();
        assertThat(accounts.find("chen")).contains(demoted);
        assertThat(Accounts.open(file).find("chen")).as("the file").contains(demoted);

        Account next = new Account("chen", Role.VIEWER, chensChange.hash());
        assertThat(accounts.replace(demoted, next)).isTrue();
        assertThat(Accounts.open(file).find("chen")).contains(next);
    }

    @Test
    void theLastInstallerIsNeitherRemovedNorMadeAViewerAndTheFileStaysAsItWas() throws Exception {
        Path file = dir.resolve("web-users.json");
        Accounts accounts = Accounts.open(file);
        Account li = new Account("li", Role.INSTALLER, PasswordHash.hash("li-password".toCharArray()));
        Account wang = new Account("wang", Role.VIEWER, PasswordHash.hash("wang-password".toCharArray()));
        accounts.put(li);
        accounts.put(wang);

        assertThatThrownBy(() -> accounts.remove("li")).isInstanceOf(Accounts.LastInstallerException.class)
                .hasMessage("'li' is the last installer; add another installer first");
        assertThatThrownBy(() -> accounts.put(new Account("li", Role.VIEWER, li.hash())))
                .isInstanceOf(Accounts.LastInstallerException.class);
        assertThat(Accounts.open(file).all()).containsExactly(li, wang);

        assertThat(accounts.remove("wang")).contains(wang);
        assertThat(accounts.remove("wang")).isEmpty();
        assertThat(Accounts.open(file).all()).containsExactly(li);
    }

    @Test
    void aDamagedFileIsRefusedWithItsOneLineNotANullPointer() throws Exception {
        Path file = dir.resolve("web-users.json");
        for (String damaged : new String[] {"", "null", "{\"accounts\":[null]}", "{\"accounts\":[{\"name\":\"li\""}) {
            Files.writeString(file, damaged);
            assertThatThrownBy(() -> Accounts.open(file)).as("'%s'", damaged).isInstanceOf(IOException.class)
                    .hasMessageContaining("not a valid accounts file");
        }
    }

    /**
     * A file that is not text (Latin-1, binary, a directory, a link that loops) is refused at start in one line naming
     * it and what is wrong, as TextFile says it. Until 2026-12-05 a directory said only "Is a directory", and a link
     * that loops was taken for no file: the page offered its setup link, and the first account made replaced the link.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTextFile.class)
    void aFileThatIsNotTextIsRefusedInOneLineNamingIt(BadTextFile bad) throws Exception {
        Path file = bad.make(dir.resolve("web-users.json"));

        assertThatThrownBy(() -> Accounts.open(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ":").hasMessageContaining(bad.said)
                .hasMessageEndingWith("; fix it or move it away to set up the page again")
                .hasMessageNotContaining("\n");
    }

    /**
     * A file the JSON reader refuses is said what and where in our words, as a bridge's reply or a grid command is
     * (JsonRefusal): until 2026-12-03 Jackson's own message was quoted, its REDACTED source and its setting names
     * ({@code StreamReadConstraints.getMaxNumberLength()}) with it, and no place for a wrong character.
     */
    @Test
    void aFileTheJsonReaderRefusesIsSaidWhatAndWhereInOurWords() throws Exception {
        Path file = dir.resolve("web-users.json");
        String[][] said = {
                {"{\"accounts\":[{\"name\":\"li\"", "the text ends before the JSON object does at line 1, column 26"},
                {"{\"accounts\":[\n {\"name\":\"li\",}]}",
                        "unexpected character ('}' (code 125)): was expecting double-quote to start field name at line 2,"
                                + " column 15"},
                // Deeper nesting than the reader takes cannot be reached: an account that is not an object is refused
                // at its first bracket.
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"VIEWER\",\"hash\":" + "1".repeat(1001) + "}]}",
                        "a number of more than 1000 digits"}};
        assertRefused(file, said);
    }

    /**
     * A file of the right JSON but the wrong shape (mended by hand, an older or other program's) is refused naming where
     * and what it should be, in the installer's words: until 2026-12-04 it was Jackson's, {@code cannot deserialize value
     * of type `org.orderly.gateway.web.auth.Role` from String "ADMIN": not one of the values accepted for Enum class},
     * and a name written as a number was taken as the text.
     */
    @Test
    void aFileOfTheWrongShapeIsRefusedSayingWhereAndWhatInOurWords() throws Exception {
        Path file = dir.resolve("web-users.json");
        String h = PasswordHash.hash("li-password".toCharArray());
        String[][] said = {
                {"[]", "the file must be a JSON object, {\"accounts\": [...]}, was []"},
                {"{\"users\":[]}", "the file has the unknown key \"users\"; its only key is \"accounts\""},
                {"{\"accounts\":{}}", "accounts must be a list of accounts, [{\"name\": ..., \"role\": ..., \"hash\":"
                        + " ...}], was {}"},
                {"{\"accounts\":[1]}", "accounts[0] must be an account, {\"name\": ..., \"role\": ..., \"hash\": ...},"
                        + " was 1"},
                {"{\"accounts\":[null]}", "accounts[0] must be an account, {\"name\": ..., \"role\": ..., \"hash\":"
                        + " ...}, was null"},
                {"{\"accounts\":[{\"name\":5,\"role\":\"VIEWER\",\"hash\":\"" + h + "\"}]}",
                        "accounts[0].name must be a text in quotes, was 5"},
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"INSTALLER\",\"hash\":\"" + h + "\"},"
                        + "{\"name\":\"wang\",\"role\":\"ADMIN\",\"hash\":\"" + h + "\"}]}",
                        "accounts[1].role must be \"VIEWER\" or \"INSTALLER\", was \"ADMIN\""},
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"viewer\",\"hash\":\"" + h + "\"}]}",
                        "accounts[0].role must be \"VIEWER\" or \"INSTALLER\", was \"viewer\"; write it in capitals,"
                                + " \"VIEWER\""},
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"VIEWER\",\"hash\":[1]}]}",
                        "accounts[0].hash must be a text in quotes, was [1]"},
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"VIEWER\"}]}", "accounts[0] has no hash"},
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"VIEWER\",\"hash\":\"" + h + "\",\"email\":\"a\"}]}",
                        "accounts[0] has the unknown key \"email\"; its keys are \"name\", \"role\", \"hash\""},
                {"{\"accounts\":[{\"name\":\"l i\",\"role\":\"VIEWER\",\"hash\":\"" + h + "\"}]}",
                        "accounts[0]: a user name is 1..32 letters, digits, '.', '_' or '-', was l i"},
                {"{\"accounts\":[{\"name\":\"li\",\"role\":\"VIEWER\",\"hash\":\"x\"}]}",
                        "accounts[0]: user li: the password hash is not pbkdf2-sha256$ITER$SALT$HASH"},
                {"", "the file is empty"}};
        assertRefused(file, said);
        Files.writeString(file, "{\"accounts\":null}");
        assertThat(Accounts.open(file).all()).as("null, as no accounts").isEmpty();
    }

    /** A file made or mended by hand that gives a key twice is ambiguous: which role did the installer mean? */
    @Test
    void aFileGivingAKeyTwiceIsRefusedNamingTheKeyAndWhere() throws Exception {
        Path file = dir.resolve("web-users.json");
        Files.writeString(file, "{\"accounts\":[\n {\"name\":\"wang\",\"role\":\"VIEWER\",\"hash\":\"x\","
                + "\"role\":\"INSTALLER\"}]}");
        assertThatThrownBy(() -> Accounts.open(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not a valid accounts file (it gives \"role\" twice, line 2, column 50); fix it or"
                        + " move it away to set up the page again");
    }

    /**
     * A file mended by hand that gives one name twice is as ambiguous as a key given twice: which role and password
     * did the installer mean? Until 2026-12-03 the last one was taken and the other dropped without a word.
     */
    @Test
    void aFileGivingANameTwiceIsRefusedNamingTheNameAndWhere() throws Exception {
        Path file = dir.resolve("web-users.json");
        String viewer = PasswordHash.hash("wang-password".toCharArray());
        String installer = PasswordHash.hash("wang-other".toCharArray());
        Files.writeString(file, "{\"accounts\":[\n {\"name\":\"wang\",\"role\":\"VIEWER\",\"hash\":\"" + viewer
                + "\"},\n {\"name\":\"li\",\"role\":\"INSTALLER\",\"hash\":\"" + viewer + "\"},\n"
                + " {\"role\":\"INSTALLER\",\"name\":\"wang\",\"hash\":\"" + installer + "\"}]}");
        assertThatThrownBy(() -> Accounts.open(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not a valid accounts file (it gives the user \"wang\" twice, line 4, column 29);"
                        + " fix it or move it away to set up the page again");
    }

    @Test
    void aChangeWhoseRenameCannotBeForcedFailsAndLeavesTheAccountsAsTheyWereInMemoryAndInTheFile() throws Exception {
        Account li = new Account("li", Role.INSTALLER, PasswordHash.hash("li-password".toCharArray()));
        Account wang = new Account("wang", Role.VIEWER, PasswordHash.hash("wang-password".toCharArray()));
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);
            Path file = disk.path("web-users.json");
            Accounts accounts = Accounts.open(file);
            accounts.put(li);
            // The new file is renamed into place; then forcing the directory fails (a dying SD card, say).
            disk.directoryForceFails(true);

            assertThatThrownBy(() -> accounts.put(wang)).as(cut.name()).isInstanceOf(IOException.class)
                    .hasMessage(real.resolve("web-users.json") + ": cannot write (java.io.IOException: Input/output error)");
            assertThat(accounts.all()).as("%s: in memory", cut).containsExactly(li);
            // A change reported as failed must not come back at the next start.
            assertThat(Accounts.open(file).all()).as("%s: the file", cut).containsExactly(li);
            disk.cut(cut);
            assertThat(Accounts.open(file).all()).as("%s: the file after a power cut", cut).containsExactly(li);

            disk.directoryForceFails(false);
            accounts.put(wang);
            disk.cut(cut);
            assertThat(Accounts.open(file).all()).as("%s: once the disk works again", cut).containsExactly(li, wang);
        }
    }

    @Test
    void theAccountsSavedSurviveAPowerCutWhateverTheDiskHadWritten() throws Exception {
        Account li = new Account("li", Role.INSTALLER, PasswordHash.hash("li-password".toCharArray()));
        Account wang = new Account("wang", Role.VIEWER, PasswordHash.hash("wang-password".toCharArray()));
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);
            Path file = disk.path("web-users.json");
            Accounts accounts = Accounts.open(file);
            accounts.put(li);  // the first run's setup
            accounts.put(wang);

            disk.cut(cut);

            Path left = real.resolve("web-users.json");
            assertThat(Accounts.open(file).all()).as("after a power cut (%s), the file: %s", cut,
                    Files.exists(left) ? "'" + Files.readString(left) + "'" : "none").containsExactly(li, wang);
        }
    }

    /** Each {text, what}: the file holding the text is refused, the what in its one line. */
    private static void assertRefused(Path file, String[][] said) throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String[] refused : said) {
            Files.writeString(file, refused[0]);
            softly.assertThat(catchThrowableOfType(IOException.class, () -> Accounts.open(file))).as(refused[0])
                    .hasMessage(file + ": not a valid accounts file (" + refused[1] + "); fix it or move it away to set"
                            + " up the page again");
        }
        softly.assertAll();
    }
}
