package org.orderly.gateway.field.pile;

import java.util.Locale;
import org.orderly.text.json.JsonString;

/**
 * The installer's line for a bridge whose {@code /info pileId} is not the pile it is driven as: both ids said as sent,
 * quoted (JSON's escapes: a space, a tab or a letter's case shows), where the bridge was reached, and what to fix.
 * The ids are compared exactly: {@code P1} is not {@code p1}, nor {@code "p1 "}; a pair that differs only so is said
 * to, as the likelier fix is the spelling, not the address.
 */
public final class OtherPile {

    /** An id said longer than this is cut: the log line and the page are no place for the rest. */
    private static final int SAID_AT_MOST = 60;

    private OtherPile() {
    }

    /** The running gateway's line (its log's WARN, the page's alarm, selftest's row). */
    static String said(String pileId, String bridgeSays, String address, String heldAmps) {
        return withCaseNote(pileId, bridgeSays, WithheldLine.said(pileId, address, says(pileId, bridgeSays),
                "the configured driver.coap.safeAmps " + heldAmps, "it says " + quoted(pileId)
                        + ". Check the host and port of pile " + pileId + " in compound.piles (two piles' addresses may"
                        + " be swapped) and the bridge's --pile"));
    }

    /**
     * A commissioning command's line, for a bridge that is not the {@code --id} it was given: {@code fix} says what to
     * check, in the command's own options.
     */
    public static String saidToCommand(String id, String bridgeSays, String address, String fix) {
        return withCaseNote(id, bridgeSays, id + ": " + heard(id, bridgeSays, address) + " (--id); " + fix);
    }

    private static String heard(String pileId, String bridgeSays, String address) {
        return "the bridge at " + address + " " + says(pileId, bridgeSays);
    }

    private static String says(String pileId, String bridgeSays) {
        return "says it is pile " + quoted(bridgeSays) + " (/info pileId, its --pile), not " + quoted(pileId);
    }

    private static String withCaseNote(String pileId, String bridgeSays, String line) {
        return sameButForCaseOrSpaces(pileId, bridgeSays)
                ? line + "; the two differ only in letter case or spaces, and must be the same exactly" : line;
    }

    /** The id as JSON writes it, cut at {@link #SAID_AT_MOST} characters. */
    public static String quoted(String id) {
        return JsonString.cut(id, SAID_AT_MOST);
    }

    private static boolean sameButForCaseOrSpaces(String a, String b) {
        return squeezed(a).equals(squeezed(b));
    }

    private static String squeezed(String id) {
        return id.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
