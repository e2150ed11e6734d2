package org.orderly.gateway.field;

/**
 * The rule the Modbus and the DL/T 645 pollers both keep for a retry after an exchange cut at its deadline while its
 * meter replied (a reply coming a byte at a time), when the retry would go on the line the rest of that reply still
 * comes down (a Modbus serial port; a DL/T 645 line, its port or converter connection kept open): on a line guarding a
 * transformer meter the retry is not sent in that cycle. Before its own exchange it would wait for the rest of the cut
 * reply and then the line's quiet, and bytes of that reply held by the port undated begin the quiet anew, so the wait
 * is bounded only by the whole reply a byte at each wait; a meter that dripped its reply then drips the retry's, cut
 * again. No reckoning of the cycle's room bounds that, so the meter is stale for the cycle rather than the next
 * transformer read late (the Modbus {@code DrippingRtuRetryTest}: a retry counted as 718 ms took 1005, past the cycle's
 * end; the DL/T 645 {@code Dlt645QuietAfterCutRoomTest}: a byte 350 ms after a cut at 300 sent the retry at 775 and the
 * transformer read at 1445 ms). Where the rule does not bar a retry, each poller's own room rule judges it (a Modbus TCP
 * retry has a connection of its own, which nothing of the cut reply meets).
 */
public final class RetryAfterCut {
    private RetryAfterCut() {
    }

    /**
     * Whether the rule bars the retry from this cycle.
     *
     * @param cutReplyOnLine    the last try was cut while its meter replied, and the retry goes on the line the rest of
     *                          that reply comes down
     * @param guardsTransformer the retry's cycle ends with the next transformer read, which it must not push late
     */
    public static boolean barred(boolean cutReplyOnLine, boolean guardsTransformer) {
        return cutReplyOnLine && guardsTransformer;
    }
}
