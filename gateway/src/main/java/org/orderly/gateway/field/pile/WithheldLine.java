package org.orderly.gateway.field.pile;

/**
 * The one form of the WARN for a bridge the driver gives no limits to, whatever the reason: {@code pile P1: the bridge
 * at coap://10.20.0.11:5683 <what it did>; it is given no limits and is held as an offline pile, at <the current held>,
 * until <what ends it>}. Said for a bridge that says it is another pile ({@link OtherPile}), one that refused a limit
 * naming the pile, and one of those whose {@code /info} went unanswered: until 2026-12-06 the refusal's line said "It
 * took no limit and is sent none until its /info is read (now)" and an unanswered {@code /info} was a DEBUG line.
 */
final class WithheldLine {

    private WithheldLine() {
    }

    /**
     * @param did   what the bridge did or said, after "the bridge at ADDRESS "
     * @param held  the current held for it, with what it is ({@code the configured driver.coap.safeAmps 6 A})
     * @param until what ends it ({@code its /info is read (asked now)})
     */
    static String said(String pileId, String address, String did, String held, String until) {
        return "pile " + pileId + ": the bridge at " + address + " " + did + "; it is given no limits and is held as an"
                + " offline pile, at " + held + ", until " + until;
    }
}
